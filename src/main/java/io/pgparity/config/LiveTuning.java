package io.pgparity.config;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * How a run copes with a live replica: whether to wait for it to catch up ({@code lagAware}) and
 * for how long ({@code maxWait}), the lag in WAL bytes above which it pauses ({@code maxLagBytes},
 * 0 = never), how often a suspect row is read again and how long apart ({@code rechecks}, {@code
 * recheckDelay}), a rows-per-second ceiling per side (0 = none), retries of transient failures, the
 * time one hash query should take ({@code queryTime}; pieces of heap adapt to it), and the run's
 * time budget ({@code maxRuntime}, zero = none; then unfinished tables are INCOMPLETE).
 */
public record LiveTuning(
    boolean lagAware,
    Duration maxWait,
    long maxLagBytes,
    int rechecks,
    Duration recheckDelay,
    double rowsPerSecond,
    int retries,
    Duration queryTime,
    Duration maxRuntime) {

  public static final int MAX_RECHECKS = 100;
  public static final int MAX_RETRIES = 20;

  /**
   * Short enough for a pause or a rate limit to act often, long enough that per-query costs vanish.
   */
  public static final Duration DEFAULT_QUERY_TIME = Duration.ofSeconds(2);

  public LiveTuning {
    checkNotNull(maxWait, "maxWait");
    checkNotNull(recheckDelay, "recheckDelay");
    checkArgument(!maxWait.isNegative(), "max-wait must not be negative but was %s", maxWait);
    checkArgument(
        !recheckDelay.isNegative(), "recheck-delay must not be negative but was %s", recheckDelay);
    checkArgument(maxLagBytes >= 0, "max-lag must not be negative but was %s", maxLagBytes);
    checkArgument(
        rechecks >= 0 && rechecks <= MAX_RECHECKS,
        "rechecks must be between 0 and %s but was %s",
        MAX_RECHECKS,
        rechecks);
    checkArgument(
        rowsPerSecond >= 0, "rows-per-second must not be negative but was %s", rowsPerSecond);
    checkArgument(
        retries >= 0 && retries <= MAX_RETRIES,
        "retries must be between 0 and %s but was %s",
        MAX_RETRIES,
        retries);
    checkNotNull(queryTime, "queryTime");
    checkArgument(
        !queryTime.isNegative() && !queryTime.isZero(),
        "query-time must be positive but was %s",
        queryTime);
    checkNotNull(maxRuntime, "maxRuntime");
    checkArgument(
        !maxRuntime.isNegative(), "max-runtime must not be negative but was %s", maxRuntime);
  }

  /** Live settings without a time budget. */
  public LiveTuning(
      boolean lagAware,
      Duration maxWait,
      long maxLagBytes,
      int rechecks,
      Duration recheckDelay,
      double rowsPerSecond,
      int retries,
      Duration queryTime) {
    this(
        lagAware,
        maxWait,
        maxLagBytes,
        rechecks,
        recheckDelay,
        rowsPerSecond,
        retries,
        queryTime,
        Duration.ZERO);
  }

  /** Live settings with the default query time. */
  public LiveTuning(
      boolean lagAware,
      Duration maxWait,
      long maxLagBytes,
      int rechecks,
      Duration recheckDelay,
      double rowsPerSecond,
      int retries) {
    this(
        lagAware,
        maxWait,
        maxLagBytes,
        rechecks,
        recheckDelay,
        rowsPerSecond,
        retries,
        DEFAULT_QUERY_TIME);
  }

  /** The defaults documented in jobs/README.md. */
  public static LiveTuning defaults() {
    return new LiveTuning(true, Duration.ofMinutes(2), 0, 3, Duration.ofSeconds(1), 0, 3);
  }
}
