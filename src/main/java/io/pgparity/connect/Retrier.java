package io.pgparity.connect;

import io.pgparity.failure.CompareException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a unit of work and, after a {@link FailureKind#TRANSIENT} failure, runs it again from
 * scratch with backoff; turns the final failure into a {@link CompareException} that names the
 * work, the side and the remedy. Timeouts and permanent failures are never retried here.
 */
final class Retrier {

  private static final Logger log = LoggerFactory.getLogger(Retrier.class);

  private final RetryPolicy policy;
  private final AtomicLong retried = new AtomicLong();

  Retrier(RetryPolicy policy) {
    this.policy = policy;
  }

  /** One attempt of the work; a {@link SideFailure} tells which side failed. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws SQLException;
  }

  /**
   * Runs the attempt up to {@code retries + 1} times; {@code side} is blamed unless the failure
   * names one.
   */
  <T> T run(String what, Side side, Attempt<T> attempt) {
    for (int attempts = 1; ; attempts++) {
      try {
        return attempt.run();
      } catch (SQLException e) {
        Side failed = e instanceof SideFailure f ? f.side() : side;
        if (FailureKind.of(e) != FailureKind.TRANSIENT) {
          throw QueryFailures.describe(what, failed, e);
        }
        if (attempts > policy.retries()) {
          throw QueryFailures.exhausted(what, failed, e, policy);
        }
        Duration backoff = policy.backoff(attempts);
        // what, side and SQLSTATE only: the server's text may quote values
        log.warn(
            "{}: attempt {} of {} failed on the {} [SQLSTATE {}]; retrying in {} ms",
            what,
            attempts,
            policy.attempts(),
            failed.label(),
            e.getSQLState(),
            backoff.toMillis());
        retried.incrementAndGet();
        sleep(what, backoff);
      }
    }
  }

  /** Retries started so far, over all work. */
  long retried() {
    return retried.get();
  }

  private static void sleep(String what, Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompareException(what + ": interrupted while waiting to retry", e);
    }
  }
}
