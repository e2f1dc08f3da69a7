package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.config.LiveTuning;
import io.pgparity.config.Tuning;
import java.util.List;

/**
 * The two ways a round runs verify: lag-aware (the default, waiting for the replica to catch up
 * with the primary's WAL position) and plain (never waiting), to measure what lag-awareness costs.
 */
enum VerifyMode {
  LAG_AWARE("lag-aware", true),
  PLAIN("plain", false);

  private final String label;
  private final boolean lagAware;

  VerifyMode(String label, boolean lagAware) {
    this.label = label;
    this.lagAware = lagAware;
  }

  String label() {
    return label;
  }

  /** The default tuning with lag-awareness on or off and nothing else changed. */
  Tuning tuning() {
    Tuning defaults = Tuning.defaults();
    LiveTuning live = defaults.live();
    return new Tuning(
        defaults.threads(),
        defaults.chunkRows(),
        defaults.maxDivergences(),
        defaults.statementTimeout(),
        defaults.lockTimeout(),
        new LiveTuning(
            lagAware,
            live.maxWait(),
            live.maxLagBytes(),
            live.rechecks(),
            live.recheckDelay(),
            live.rowsPerSecond(),
            live.retries(),
            live.queryTime()));
  }

  /**
   * The runs of round {@code round} (from 1): lag-aware alone, or both with plain first in odd
   * rounds and lag-aware first in even ones, so neither always runs on caches the other warmed.
   */
  static List<VerifyMode> order(int round, boolean compare) {
    checkArgument(round >= 1, "rounds count from 1 but got %s", round);
    if (!compare) {
      return List.of(LAG_AWARE);
    }
    return round % 2 == 1 ? List.of(PLAIN, LAG_AWARE) : List.of(LAG_AWARE, PLAIN);
  }
}
