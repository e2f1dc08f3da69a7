package io.pgparity.live;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.util.concurrent.RateLimiter;
import io.pgparity.config.LiveTuning;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rows-per-second ceiling on what a run reads from a side, shared by all worker threads; 0 means
 * none. Backed by Guava's RateLimiter, which lets a request through at once and makes the next one
 * wait for it, and which lets an idle run read up to one second's worth of rows in a burst.
 *
 * <p>One call is charged at most {@code maxCharge} of rows (one minute's worth by default): the row
 * count is an estimate before the query, and a wildly high one (stale statistics, a fallback to the
 * whole table) must not park a worker, or the next one, for hours. Queries that large are bounded
 * by chunk-rows and statement-timeout anyway, so the ceiling holds for every real run.
 */
public final class RowRate {

  static final Duration MAX_CHARGE = Duration.ofMinutes(1);

  private final double rowsPerSecond;
  private final RateLimiter limiter;
  private final long maxPermits;
  private final AtomicLong throttledMicros = new AtomicLong();

  /** A ceiling of {@code rowsPerSecond} (0 = unlimited). */
  public RowRate(double rowsPerSecond) {
    this(rowsPerSecond, MAX_CHARGE);
  }

  RowRate(double rowsPerSecond, Duration maxCharge) {
    checkArgument(
        rowsPerSecond >= 0 && Double.isFinite(rowsPerSecond),
        "rows-per-second must be 0 (unlimited) or a positive number but was %s",
        rowsPerSecond);
    checkArgument(
        !maxCharge.isNegative() && !maxCharge.isZero(),
        "the largest charge must be positive but was %s",
        maxCharge);
    this.rowsPerSecond = rowsPerSecond;
    this.limiter = rowsPerSecond == 0 ? null : RateLimiter.create(rowsPerSecond);
    double oneCharge = rowsPerSecond * maxCharge.toNanos() / 1e9;
    this.maxPermits = (long) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(oneCharge)));
  }

  /** The ceiling of the job's live tuning. */
  public static RowRate of(LiveTuning tuning) {
    return new RowRate(tuning.rowsPerSecond());
  }

  public double rowsPerSecond() {
    return rowsPerSecond;
  }

  public boolean limited() {
    return limiter != null;
  }

  /**
   * Waits, if the rows read lately exceed the ceiling, before a query expected to read {@code
   * rows}.
   */
  public void acquire(long rows) {
    checkArgument(rows >= 0, "rows must not be negative but was %s", rows);
    if (limiter == null || rows == 0) {
      return;
    }
    double slept = limiter.acquire((int) Math.min(rows, maxPermits));
    throttledMicros.addAndGet((long) (slept * 1e6));
  }

  /** The time threads spent waiting for the ceiling so far, summed over threads. */
  public Duration throttled() {
    return Duration.ofNanos(throttledMicros.get() * 1000);
  }
}
