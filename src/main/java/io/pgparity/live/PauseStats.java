package io.pgparity.live;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * What throttling on lag cost in a run: how many times the run paused because the replica lagged
 * more than max-lag, for how long in total (wall-clock, however many threads waited), and the
 * largest lag in WAL bytes that caused a pause.
 */
public record PauseStats(long pauses, Duration paused, long largestLagBytes) {

  public PauseStats {
    checkArgument(pauses >= 0, "pauses must not be negative but was %s", pauses);
    checkNotNull(paused, "paused");
    checkArgument(!paused.isNegative(), "paused time must not be negative but was %s", paused);
    checkArgument(
        largestLagBytes >= 0, "largest lag must not be negative but was %s", largestLagBytes);
  }

  /** For a run that never paused. */
  public static PauseStats none() {
    return new PauseStats(0, Duration.ZERO, 0);
  }
}
