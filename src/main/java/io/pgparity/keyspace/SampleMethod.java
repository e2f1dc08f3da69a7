package io.pgparity.keyspace;

/**
 * How keys are sampled to place range boundaries. A block sample reads few pages but returns runs
 * of neighbouring keys when rows are stored in key order, which would bunch the boundaries; a row
 * sample reads every page but picks rows independently.
 */
public enum SampleMethod {
  /** TABLESAMPLE SYSTEM: whole pages; cheap, good when heap order is unrelated to key order. */
  SYSTEM,
  /** TABLESAMPLE BERNOULLI: single rows; costs a plain scan, good whatever the heap order. */
  BERNOULLI,
  /**
   * TABLESAMPLE SYSTEM keeping only the smallest key of each sampled page: when rows are stored in
   * key order each page holds a narrow run of keys, so one key per page is a spread-out sample that
   * reads few pages. (BERNOULLI read every page: 0.3 s of planning on the bench's 1M users.)
   */
  PAGE_FIRSTS;

  /** Heap order this close to key order (pg_stats.correlation) bunches a block sample. */
  static final double MAX_CORRELATION_FOR_BLOCKS = 0.3;

  /** Heap order at least this close to key order makes each page one narrow run of keys. */
  static final double MIN_CORRELATION_FOR_PAGE_FIRSTS = 0.9;

  /** The method for a key whose leading column has this correlation (null: no statistics). */
  public static SampleMethod forCorrelation(Double correlation) {
    if (correlation == null) {
      return BERNOULLI;
    }
    double order = Math.abs(correlation);
    return order < MAX_CORRELATION_FOR_BLOCKS
        ? SYSTEM
        : order >= MIN_CORRELATION_FOR_PAGE_FIRSTS ? PAGE_FIRSTS : BERNOULLI;
  }

  /**
   * Whether the sample is one heap order or the other; only {@link #SYSTEM} says the heap is in
   * random key order.
   */
  public boolean randomHeapOrder() {
    return this == SYSTEM;
  }
}
