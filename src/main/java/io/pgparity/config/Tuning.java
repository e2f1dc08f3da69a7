package io.pgparity.config;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * How hard and how long a run may work: threads, range size, divergence cap, timeouts, and how it
 * copes with a live replica.
 */
public record Tuning(
    int threads,
    int chunkRows,
    int maxDivergences,
    Duration statementTimeout,
    Duration lockTimeout,
    LiveTuning live) {

  public static final int MAX_THREADS = 64;
  public static final int MIN_CHUNK_ROWS = 10;
  public static final int MAX_CHUNK_ROWS = 10_000_000;

  public Tuning {
    checkArgument(
        threads >= 1 && threads <= MAX_THREADS,
        "threads must be between 1 and %s but was %s",
        MAX_THREADS,
        threads);
    checkArgument(
        chunkRows >= MIN_CHUNK_ROWS && chunkRows <= MAX_CHUNK_ROWS,
        "chunk-rows must be between %s and %s but was %s",
        MIN_CHUNK_ROWS,
        MAX_CHUNK_ROWS,
        chunkRows);
    checkArgument(
        maxDivergences >= 1, "max-divergences must be at least 1 but was %s", maxDivergences);
    checkNotNull(statementTimeout, "statementTimeout");
    checkNotNull(lockTimeout, "lockTimeout");
    checkArgument(!statementTimeout.isNegative(), "statement-timeout must not be negative");
    checkArgument(!lockTimeout.isNegative(), "lock-timeout must not be negative");
    checkNotNull(live, "live");
  }

  /** Tuning with the default live-replica settings. */
  public Tuning(
      int threads,
      int chunkRows,
      int maxDivergences,
      Duration statementTimeout,
      Duration lockTimeout) {
    this(threads, chunkRows, maxDivergences, statementTimeout, lockTimeout, LiveTuning.defaults());
  }

  /**
   * The defaults documented in jobs/README.md. One thread: one hash query per server at a time, the
   * least load on production (pt-table-checksum's choice too); on the benchmark's shared 2 cores it
   * was also faster than two (src/site/markdown/performance.md).
   */
  public static Tuning defaults() {
    return new Tuning(1, 1000, 10_000, Duration.ofMinutes(10), Duration.ofSeconds(5));
  }
}
