package io.pgparity.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * What the run saw of replication: the kind of replica ({@code kind} is a {@code ReplicaKind} name,
 * e.g. PHYSICAL_STANDBY), how it was found, whether the run waited for it, how often and how long
 * it waited, the largest lag seen in WAL bytes, pauses for max-lag, time held back by the
 * rows-per-second ceiling, and transient failures retried.
 */
public record ReplicationSummary(
    String kind,
    String description,
    String detail,
    boolean lagAware,
    long waits,
    Duration longestWait,
    Duration totalWait,
    long largestLagBytes,
    long pauses,
    Duration paused,
    Duration rateThrottled,
    long retries) {

  public ReplicationSummary {
    checkNotNull(kind, "kind");
    checkNotNull(description, "description");
    checkNotNull(longestWait, "longestWait");
    checkNotNull(totalWait, "totalWait");
    checkNotNull(paused, "paused");
    checkNotNull(rateThrottled, "rateThrottled");
    checkArgument(
        waits >= 0 && pauses >= 0 && retries >= 0 && largestLagBytes >= 0,
        "counts must not be negative");
  }

  /** True for a hot standby, where rows cannot be repaired one by one. */
  public boolean physicalStandby() {
    return kind.equals("PHYSICAL_STANDBY");
  }
}
