package io.pgparity.cli;

import io.pgparity.config.LiveTuning;
import java.time.Duration;

/**
 * The live-replica settings given on the command line; a null field keeps the job file's value (or
 * the default).
 */
public record LiveOverrides(
    Boolean lagAware,
    Duration maxWait,
    Long maxLagBytes,
    Integer rechecks,
    Duration recheckDelay,
    Double rowsPerSecond,
    Integer retries,
    Duration maxRuntime) {

  /** Overrides without a time budget. */
  public LiveOverrides(
      Boolean lagAware,
      Duration maxWait,
      Long maxLagBytes,
      Integer rechecks,
      Duration recheckDelay,
      Double rowsPerSecond,
      Integer retries) {
    this(lagAware, maxWait, maxLagBytes, rechecks, recheckDelay, rowsPerSecond, retries, null);
  }

  /** Nothing given. */
  public static LiveOverrides none() {
    return new LiveOverrides(null, null, null, null, null, null, null, null);
  }

  /** {@code base} with every given field replaced. */
  public LiveTuning applyTo(LiveTuning base) {
    return new LiveTuning(
        lagAware != null ? lagAware : base.lagAware(),
        maxWait != null ? maxWait : base.maxWait(),
        maxLagBytes != null ? maxLagBytes : base.maxLagBytes(),
        rechecks != null ? rechecks : base.rechecks(),
        recheckDelay != null ? recheckDelay : base.recheckDelay(),
        rowsPerSecond != null ? rowsPerSecond : base.rowsPerSecond(),
        retries != null ? retries : base.retries(),
        base.queryTime(),
        maxRuntime != null ? maxRuntime : base.maxRuntime());
  }
}
