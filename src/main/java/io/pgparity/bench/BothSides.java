package io.pgparity.bench;

import io.pgparity.connect.Both;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;

/** Runs the same JDBC work on the primary and the replica at the same time, one connection each. */
final class BothSides {

  /** Work on one side's connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource primary;
  private final DataSource replica;

  BothSides(DataSource primary, DataSource replica) {
    this.primary = primary;
    this.replica = replica;
  }

  /**
   * Runs {@code work} on a daemon thread against the replica and on the caller's thread against
   * the primary, and returns when both are done; {@code what} names the work in errors.
   */
  <T> Both<T> run(String what, Work<T> work) {
    CompletableFuture<T> onReplica = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        onReplica.complete(on(replica, work));
      } catch (Throwable e) {
        onReplica.completeExceptionally(e);
      }
    }, "bench-replica");
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
      throw new IllegalStateException(what + " on the replica: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private static <T> T on(DataSource side, Work<T> work) throws SQLException {
    try (Connection connection = side.getConnection()) {
      return work.run(connection);
    }
  }
}
