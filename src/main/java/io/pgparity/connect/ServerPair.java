package io.pgparity.connect;

import io.pgparity.compare.CompareException;
import io.pgparity.config.JobDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The primary and the replica, queried side by side: every call runs the same work on both at the
 * same time, each in its own short transaction, so neither side's snapshot outlives one query.
 */
public final class ServerPair implements AutoCloseable {

  private final ServerPool primary;
  private final ServerPool replica;
  private final ExecutorService sides;

  private ServerPair(ServerPool primary, ServerPool replica, int threads) {
    this.primary = primary;
    this.replica = replica;
    AtomicInteger counter = new AtomicInteger();
    this.sides =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "side-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Connects to both servers; a bad address, password or database fails here with the remedy. */
  public static ServerPair open(JobDefinition definition) {
    ServerPool primary = ServerPool.open(Side.PRIMARY, definition.primary(), definition.tuning());
    try {
      ServerPool replica = ServerPool.open(Side.REPLICA, definition.replica(), definition.tuning());
      return new ServerPair(primary, replica, definition.tuning().threads() * 2 + 2);
    } catch (RuntimeException e) {
      primary.close();
      throw e;
    }
  }

  /** Runs the work on both sides at once; {@code what} names it in error messages. */
  public <T> Both<T> onBoth(String what, SideQuery<T> query) {
    Future<T> onReplica = sides.submit(() -> runOn(replica, what, query));
    T onPrimary = runOn(primary, what, query);
    try {
      return new Both<>(onPrimary, onReplica.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompareException(what + ": interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof CompareException ce ? ce : new CompareException(what + ": " + e.getCause(), e);
    }
  }

  /** Runs the work on one side. */
  public <T> T on(Side side, String what, SideQuery<T> query) {
    return runOn(side == Side.PRIMARY ? primary : replica, what, query);
  }

  private static <T> T runOn(ServerPool pool, String what, SideQuery<T> query) {
    try (Connection connection = pool.connection()) {
      try {
        T result = query.run(connection, pool.side());
        connection.rollback();
        return result;
      } catch (SQLException e) {
        connection.rollback();
        throw QueryFailures.describe(what, pool.side(), e);
      }
    } catch (SQLException e) {
      throw QueryFailures.describe(what, pool.side(), e);
    }
  }

  /** Runs work that holds a connection to each side at the same time (read-only, rolled back after). */
  public <T> T withBoth(String what, PairedWork<T> work) {
    try (Connection onPrimary = primary.connection();
        Connection onReplica = replica.connection()) {
      try {
        return work.run(onPrimary, onReplica);
      } catch (SQLException e) {
        throw QueryFailures.describe(what, sideOf(e), e);
      } finally {
        onPrimary.rollback();
        onReplica.rollback();
      }
    } catch (SQLException e) {
      throw QueryFailures.describe(what, Side.PRIMARY, e);
    }
  }

  /** Which side a failure came from, as far as the exception tells; pgjdbc names no connection. */
  private static Side sideOf(SQLException e) {
    return e instanceof SideFailure failure ? failure.side() : Side.PRIMARY;
  }

  public ServerPool pool(Side side) {
    return side == Side.PRIMARY ? primary : replica;
  }

  @Override
  public void close() {
    sides.shutdownNow();
    primary.close();
    replica.close();
  }
}
