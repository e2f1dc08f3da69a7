package io.pgparity.connect;

import io.pgparity.config.JobDefinition;
import io.pgparity.failure.CompareException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * The primary and the replica, queried side by side: every call runs the same work on both at the
 * same time, each in its own short transaction, so neither side's snapshot outlives one query.
 */
public final class ServerPair implements AutoCloseable {

  private final ServerPool primary;
  private final ServerPool replica;
  private final ExecutorService sides;
  private final Retrier retrier;

  private ServerPair(ServerPool primary, ServerPool replica, int threads, RetryPolicy retries) {
    this.primary = primary;
    this.replica = replica;
    this.retrier = new Retrier(retries);
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

  /**
   * Connects to both servers; a bad address, password or database fails here with the remedy.
   * Transient failures later on (a standby's conflict with recovery, a lost connection) are retried
   * {@code tuning.live.retries} times, then end in a {@link RetriesExhaustedException}.
   */
  public static ServerPair open(JobDefinition definition) {
    ServerPool primary = ServerPool.open(Side.PRIMARY, definition.primary(), definition.tuning());
    try {
      ServerPool replica = ServerPool.open(Side.REPLICA, definition.replica(), definition.tuning());
      return new ServerPair(
          primary,
          replica,
          definition.tuning().threads() * 2 + 2,
          RetryPolicy.of(definition.tuning().live().retries()));
    } catch (RuntimeException e) {
      primary.close();
      throw e;
    }
  }

  /**
   * Runs the same work on both sides at once, each in its own transaction and retried on its own,
   * and returns the two results as a {@link Both}; {@code what} names the work in messages. For
   * work that needs both connections together (merging two streams) use {@link #withBoth}.
   */
  public <T> Both<T> onBoth(String what, SideQuery<T> query) {
    // the caller's MDC (the run id) goes on the replica side's log lines too
    Map<String, String> context = MDC.getCopyOfContextMap();
    Future<T> onReplica =
        sides.submit(
            () -> {
              if (context != null) {
                MDC.setContextMap(context);
              }
              try {
                return runOn(replica, what, query);
              } finally {
                MDC.clear();
              }
            });
    T onPrimary = runOn(primary, what, query);
    try {
      return new Both<>(onPrimary, onReplica.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompareException(what + ": interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof CompareException ce
          ? ce
          : new CompareException(what + ": " + e.getCause(), e);
    }
  }

  /** Runs the work on one side. */
  public <T> T on(Side side, String what, SideQuery<T> query) {
    return runOn(side == Side.PRIMARY ? primary : replica, what, query);
  }

  /**
   * Runs the query in its own transaction, again on a fresh connection after a transient failure.
   */
  private <T> T runOn(ServerPool pool, String what, SideQuery<T> query) {
    return retrier.run(
        what,
        pool.side(),
        () -> {
          Connection connection = pool.borrow();
          boolean broken = false;
          try {
            T result = query.run(connection, pool.side());
            end(connection);
            return result;
          } catch (SQLException | RuntimeException e) {
            broken = brokenBy(e);
            rollbackAfter(connection, e);
            throw e;
          } finally {
            pool.release(connection, broken);
          }
        });
  }

  /**
   * Runs work that holds a connection to each side at the same time (read-only, committed after).
   * After a transient failure the whole work runs again on two fresh connections, so it must start
   * from scratch: anything it hands on before it fails is handed on again.
   */
  public <T> T withBoth(String what, PairedWork<T> work) {
    return retrier.run(
        what,
        Side.PRIMARY,
        () -> {
          Connection onPrimary = primary.borrow();
          Connection onReplica = null;
          boolean broken = false;
          try {
            onReplica = replica.borrow();
            T result = work.run(onPrimary, onReplica);
            end(onPrimary);
            end(onReplica);
            return result;
          } catch (SQLException | RuntimeException e) {
            // pgjdbc does not say which connection broke: both go
            broken = brokenBy(e);
            rollbackAfter(onPrimary, e);
            if (onReplica != null) {
              rollbackAfter(onReplica, e);
            }
            throw e;
          } finally {
            primary.release(onPrimary, broken);
            if (onReplica != null) {
              replica.release(onReplica, broken);
            }
          }
        });
  }

  /**
   * True when a failure may have broken the connection. A runtime exception, even one caused by a
   * lost connection, comes from nested work on connections of its own.
   */
  private static boolean brokenBy(Exception failure) {
    return failure instanceof SQLException && FailureKind.of(failure) == FailureKind.TRANSIENT;
  }

  /**
   * Ends a read-only transaction that succeeded. Commit, not rollback: reads may write WAL (pruning
   * dead rows, hint-bit page images), and only a commit asks the WAL writer to flush it soon.
   * Rolled back, it waits for the next flush, up to ~15 s on a quiet primary, and a replica cannot
   * confirm a WAL position taken after it before then: the catch-up wait would stall on WAL it
   * never needed.
   */
  private static void end(Connection connection) throws SQLException {
    connection.commit();
  }

  /** Ends the failed work's transaction without hiding the failure behind a second one. */
  private static void rollbackAfter(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /** Transient failures retried so far over all work of this pair, for reports and tests. */
  public long retries() {
    return retrier.retried();
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
