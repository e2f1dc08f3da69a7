package io.pgparity.live;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * What waiting for the replica cost in a run: how often it was asked to wait ({@code awaits}), how
 * often the replica was really behind ({@code waits}), how often its position was read ({@code
 * polls}), the time spent waiting in total and at most once, and the largest lag met in WAL bytes.
 */
public record LagStats(
    long awaits,
    long waits,
    long polls,
    Duration totalWait,
    Duration longestWait,
    long largestLagBytes) {

  public LagStats {
    checkArgument(
        awaits >= 0 && waits >= 0 && polls >= 0 && largestLagBytes >= 0,
        "counts must not be negative: awaits %s, waits %s, polls %s, largest lag %s",
        awaits,
        waits,
        polls,
        largestLagBytes);
    checkArgument(waits <= awaits, "waits %s cannot exceed awaits %s", waits, awaits);
    checkNotNull(totalWait, "totalWait");
    checkNotNull(longestWait, "longestWait");
    checkArgument(
        longestWait.compareTo(totalWait) <= 0,
        "the longest wait %s cannot exceed the total %s",
        longestWait,
        totalWait);
  }

  /** For a run that never waited. */
  public static LagStats none() {
    return new LagStats(0, 0, 0, Duration.ZERO, Duration.ZERO, 0);
  }
}
