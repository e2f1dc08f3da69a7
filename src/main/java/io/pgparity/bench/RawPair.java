package io.pgparity.bench;

import io.pgparity.connect.Both;
import io.pgparity.connect.ServerPair;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;

/**
 * The bench's primary and replica as bare connections: {@link #onBoth} runs the same work on both
 * at once and returns one result per side as a {@link Both}, as {@link ServerPair#onBoth} does for
 * verify. Unlike a ServerPair it does not retry, pin session settings, wrap the work in a short
 * read-only transaction or carry the MDC: the floor query must run bare, as any checker could run
 * it, so the floor does not include verify's own set-up; and loading the data needs DDL, autocommit
 * (VACUUM runs outside a transaction) and writes, which a ServerPair's sessions refuse.
 */
final class RawPair {

  /** Work on one side's connection, in autocommit. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource primary;
  private final DataSource replica;

  RawPair(DataSource primary, DataSource replica) {
    this.primary = primary;
    this.replica = replica;
  }

  /**
   * Runs {@code work} on a daemon thread against the replica and on the caller's thread against the
   * primary, each on a connection of its own, and returns when both are done; {@code what} names
   * the work in errors.
   */
  <T> Both<T> onBoth(String what, Work<T> work) {
    CompletableFuture<T> onReplica = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                onReplica.complete(on(replica, work));
              } catch (Throwable e) {
                onReplica.completeExceptionally(e);
              }
            },
            "bench-replica");
    thread.setDaemon(true);
    thread.start();
    T primaryResult;
    try {
      primaryResult = on(primary, work);
    } catch (SQLException e) {
      onReplica.exceptionally(e2 -> null).join();
      throw new IllegalStateException(what + " on the primary: " + e.getMessage(), e);
    }
    try {
      return new Both<>(primaryResult, onReplica.join());
    } catch (CompletionException e) {
      throw new IllegalStateException(
          what + " on the replica: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private static <T> T on(DataSource side, Work<T> work) throws SQLException {
    try (Connection connection = side.getConnection()) {
      return work.run(connection);
    }
  }
}
