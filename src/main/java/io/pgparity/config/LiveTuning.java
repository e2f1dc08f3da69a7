package io.pgparity.config;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * How a run copes with a live replica: whether to wait for it to catch up ({@code lagAware}) and
 * for how long ({@code maxWait}), the lag in WAL bytes above which it pauses ({@code maxLagBytes},
 * 0 = never), how often a suspect row is read again and how long apart ({@code rechecks}, {@code
 * recheckDelay}), a rows-per-second ceiling per side (0 = none) and retries of transient failures.
 */
public record LiveTuning(
    boolean lagAware,
    Duration maxWait,
    long maxLagBytes,
    int rechecks,
    Duration recheckDelay,
    double rowsPerSecond,
    int retries) {

  public static final int MAX_RECHECKS = 100;
  public static final int MAX_RETRIES = 20;

  public LiveTuning {
    checkNotNull(maxWait, "maxWait");
    checkNotNull(recheckDelay, "recheckDelay");
    checkArgument(!maxWait.isNegative(), "max-wait must not be negative but was %s", maxWait);
    checkArgument(!recheckDelay.isNegative(), "recheck-delay must not be negative but was %s", recheckDelay);
    checkArgument(maxLagBytes >= 0, "max-lag must not be negative but was %s", maxLagBytes);
    checkArgument(rechecks >= 0 && rechecks <= MAX_RECHECKS,
        "rechecks must be between 0 and %s but was %s", MAX_RECHECKS, rechecks);
    checkArgument(rowsPerSecond >= 0, "rows-per-second must not be negative but was %s", rowsPerSecond);
    checkArgument(retries >= 0 && retries <= MAX_RETRIES,
        "retries must be between 0 and %s but was %s", MAX_RETRIES, retries);
  }

  /** The defaults documented in jobs/README.md. */
  public static LiveTuning defaults() {
    return new LiveTuning(true, Duration.ofMinutes(2), 0, 3, Duration.ofSeconds(1), 0, 3);
  }
}
