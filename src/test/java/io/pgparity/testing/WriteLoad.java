package io.pgparity.testing;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background thread that keeps inserting, updating and deleting rows of a users and a sessions
 * table (as {@link LoadSchema} makes them) in small transactions, until closed.
 */
public final class WriteLoad implements AutoCloseable {

  /** The default pause between two transactions: with ~2 statements each, ~100 commits/s. */
  public static final Duration DEFAULT_PAUSE = Duration.ofMillis(5);

  private static final Logger log = LoggerFactory.getLogger(WriteLoad.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final String label;
  private final Thread thread;
  private final LoadStatements statements;
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong inserts = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private final AtomicReference<Throwable> error = new AtomicReference<>();
  private final long startedNanos = System.nanoTime();
  private volatile boolean running = true;

  private WriteLoad(DataSource dataSource, LoadStatements statements, Duration pause) {
    this.label = statements.users() + " and " + statements.sessions();
    this.statements = statements;
    this.thread = new Thread(() -> run(dataSource, pause), "write-load");
    thread.setDaemon(true);
  }

  /** Starts a load on {@code schema}'s users and sessions with {@link #DEFAULT_PAUSE}. */
  public static WriteLoad start(DataSource dataSource, String schema) {
    return start(dataSource, LoadSchema.users(schema), LoadSchema.sessions(schema), DEFAULT_PAUSE);
  }

  /**
   * Starts a load on two tables shaped like {@link LoadSchema}'s, pausing {@code pause} between
   * transactions; new user ids continue after the highest id present at the start.
   */
  public static WriteLoad start(
      DataSource dataSource, TableRef users, TableRef sessions, Duration pause) {
    checkNotNull(dataSource, "dataSource");
    checkNotNull(pause, "pause");
    checkArgument(
        !pause.isNegative() && pause.compareTo(Duration.ofSeconds(10)) <= 0,
        "pause must be 0..10 s but was %s",
        pause);
    String highest =
        new ServerSql("primary", dataSource)
            .text("SELECT coalesce(max(id), 0) FROM " + SqlIdentifier.quote(users));
    LoadStatements statements = new LoadStatements(users, sessions, Long.parseLong(highest));
    WriteLoad load = new WriteLoad(dataSource, statements, pause);
    load.thread.start();
    return load;
  }

  private void run(DataSource dataSource, Duration pause) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      while (running) {
        LoadStatements.Changes changes;
        try {
          changes = statements.writeOnce(connection);
          connection.commit();
        } catch (SQLException e) {
          connection.rollback();
          throw e;
        }
        inserts.addAndGet(changes.inserts());
        updates.addAndGet(changes.updates());
        deletes.addAndGet(changes.deletes());
        transactions.incrementAndGet();
        if (!pause.isZero()) {
          TimeUnit.NANOSECONDS.sleep(pause.toNanos());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error.compareAndSet(null, e);
    } catch (SQLException | RuntimeException e) {
      error.compareAndSet(null, e);
      log.warn("Write load on {} stopped by an error: {}", label, e.getMessage());
    }
  }

  /** Committed transactions so far. */
  public long transactions() {
    return transactions.get();
  }

  /** Rows inserted by committed transactions so far (both tables). */
  public long inserts() {
    return inserts.get();
  }

  /** Rows updated by committed transactions so far (both tables). */
  public long updates() {
    return updates.get();
  }

  /** Rows deleted by committed transactions so far (both tables). */
  public long deletes() {
    return deletes.get();
  }

  /** The first error that stopped the load, if any. */
  public Optional<Throwable> error() {
    return Optional.ofNullable(error.get());
  }

  /**
   * Returns once at least {@code count} transactions have committed; throws {@link
   * IllegalStateException} on timeout or when the load has stopped on an error.
   */
  public void awaitTransactions(long count, Duration timeout) {
    ServerSql.await(
        count + " transactions of the write load on " + label + " have committed",
        timeout,
        () -> transactions() >= count || error.get() != null,
        () -> transactions() + " committed");
    error().ifPresent(this::fail);
  }

  /**
   * Stops the thread after its current transaction and waits for it; rethrows the first error as
   * {@link IllegalStateException}. Idempotent, and each call rethrows the same error.
   */
  @Override
  public void close() {
    if (running) {
      running = false;
      try {
        thread.join(STOP_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stopping the write load on " + label, e);
      }
      if (thread.isAlive()) {
        throw new IllegalStateException(
            "the write load on "
                + label
                + " did not stop within "
                + STOP_TIMEOUT.toSeconds()
                + " s; is the primary blocked?");
      }
      log.info(
          "Write load on {} stopped after {} transactions in {} ms:"
              + " {} inserts, {} updates, {} deletes",
          label,
          transactions(),
          (System.nanoTime() - startedNanos) / 1_000_000,
          inserts(),
          updates(),
          deletes());
    }
    error().ifPresent(this::fail);
  }

  private void fail(Throwable cause) {
    throw new IllegalStateException(
        "the write load on "
            + label
            + " failed after "
            + transactions()
            + " transactions: "
            + cause.getMessage(),
        cause);
  }
}
