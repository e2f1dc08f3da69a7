package io.pgparity.hashing;

/**
 * How a table's ranges are hashed. Range scans read each range through the key index, nearly free
 * when rows are stored in key order; on a random key (uuid) they would revisit every heap page once
 * per range, so such tables are read once in heap slices and each row's range is found with
 * {@code width_bucket} over the boundaries.
 */
public enum HashStrategy {
  /** One index range query per range and side. */
  RANGE_SCAN,
  /** One sequential pass per heap slice and side, grouped by range. */
  BUCKET_SCAN;

  /** Heap order this close to key order (pg_stats.correlation) makes range scans cheap. */
  public static final double MIN_CORRELATION_FOR_RANGE_SCAN = 0.9;

  /** The strategy for a key whose leading column has this correlation (null: no statistics). */
  public static HashStrategy forCorrelation(Double correlation) {
    return correlation != null && Math.abs(correlation) >= MIN_CORRELATION_FOR_RANGE_SCAN ? RANGE_SCAN : BUCKET_SCAN;
  }
}
