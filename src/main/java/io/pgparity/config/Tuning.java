package io.pgparity.config;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * How hard and how long a run may work: threads, range size, divergence cap, timeouts, and how it
 * copes with a live replica. With {@code autoThreads} ({@code threads: auto}) the command layer
 * chooses {@code threads} from what the servers offer, at most {@code maxThreads}, before the run
 * starts ({@link #withThreads}); until then {@code threads} is 1, what a run uses when a server
 * cannot say. {@code maxThreads} means nothing without {@code autoThreads}.
 */
public record Tuning(
    int threads,
    int chunkRows,
    int maxDivergences,
    Duration statementTimeout,
    Duration lockTimeout,
    LiveTuning live,
    boolean autoThreads,
    int maxThreads) {

  public static final int MAX_THREADS = 64;

  /**
   * The default cap of {@code threads: auto}: enough for the parallel workers a typical server
   * allows (max_parallel_workers 8), few enough not to crowd production when it is idle by chance.
   */
  public static final int DEFAULT_MAX_THREADS = 8;

  /** How threads and max-threads are written when the servers choose the threads. */
  public static final String AUTO = "auto";

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
    checkArgument(
        maxThreads >= 1 && maxThreads <= MAX_THREADS,
        "max-threads must be between 1 and %s but was %s",
        MAX_THREADS,
        maxThreads);
    checkArgument(
        !autoThreads || threads <= maxThreads,
        "threads auto chose %s, more than max-threads %s",
        threads,
        maxThreads);
  }

  /** Tuning with a fixed number of threads. */
  public Tuning(
      int threads,
      int chunkRows,
      int maxDivergences,
      Duration statementTimeout,
      Duration lockTimeout,
      LiveTuning live) {
    this(
        threads,
        chunkRows,
        maxDivergences,
        statementTimeout,
        lockTimeout,
        live,
        false,
        DEFAULT_MAX_THREADS);
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
   * The same tuning with the threads the servers offer, at most {@code maxThreads}: still auto, so
   * job.json says how the number was chosen.
   */
  public Tuning withThreads(int chosen) {
    checkArgument(autoThreads, "threads %s are fixed, not auto", threads);
    return new Tuning(
        chosen, chunkRows, maxDivergences, statementTimeout, lockTimeout, live, true, maxThreads);
  }

  /** The same tuning with {@code threads: auto}, at most {@code max} threads; 1 until chosen. */
  public Tuning withAutoThreads(int max) {
    return new Tuning(1, chunkRows, maxDivergences, statementTimeout, lockTimeout, live, true, max);
  }

  /** The same tuning with a fixed number of threads. */
  public Tuning withFixedThreads(int fixed) {
    return new Tuning(fixed, chunkRows, maxDivergences, statementTimeout, lockTimeout, live);
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
