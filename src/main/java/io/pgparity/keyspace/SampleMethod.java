package io.pgparity.keyspace;

/**
 * How keys are sampled to place range boundaries. A block sample reads few pages but returns
 * runs of neighbouring keys when rows are stored in key order, which would bunch the boundaries;
 * a row sample reads every page but picks rows independently.
 */
public enum SampleMethod {
  /** TABLESAMPLE SYSTEM: whole pages; cheap, good when heap order is unrelated to key order. */
  SYSTEM,
  /** TABLESAMPLE BERNOULLI: single rows; costs a plain scan, good whatever the heap order. */
  BERNOULLI;

  /** Heap order this close to key order (pg_stats.correlation) bunches a block sample. */
  static final double MAX_CORRELATION_FOR_BLOCKS = 0.3;

  /** The method for a key whose leading column has this correlation (null: no statistics). */
  public static SampleMethod forCorrelation(Double correlation) {
    return correlation != null && Math.abs(correlation) < MAX_CORRELATION_FOR_BLOCKS ? SYSTEM : BERNOULLI;
  }
}
