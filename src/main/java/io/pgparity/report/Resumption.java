package io.pgparity.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A run that continued a stopped or killed one: the earlier run's id, and how many of this run's
 * hash partitions it took over from it instead of hashing them again.
 */
public record Resumption(String fromRunId, int reusedPartitions, int partitions) {

  public Resumption {
    checkNotNull(fromRunId, "fromRunId");
    checkArgument(
        partitions >= 0 && reusedPartitions >= 0 && reusedPartitions <= partitions,
        "reused partitions must be within 0-%s but were %s",
        partitions,
        reusedPartitions);
  }
}
