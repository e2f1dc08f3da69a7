package io.pgparity.compare;

/**
 * How one diff query reads the rows of a table's mismatched ranges. Measured on a 10M-row table
 * stored in random key order (2 GB), 1000 mismatched ranges of 1000 rows, against 6.8 s for the
 * floor: one sequential pass 8.6 s; one exact bitmap scan 6.8 s; the same bitmap gone lossy under
 * the default work_mem 267 s, because every tuple of a lossy page is rechecked against all the
 * ranges' OR-ed predicates. At 1M rows and 100 ranges: sequential 0.49 s, bitmap 0.29 s.
 */
public enum DiffPass {
  /**
   * Up to {@link BucketPassDiffer#RANGES_PER_PASS} ranges per bitmap scan: few rows, or rows in key
   * order.
   */
  INDEX_BATCHES,
  /**
   * All ranges in one bitmap scan with work_mem raised so the bitmap stays exact: it visits each
   * page once and reads only the listed tuples.
   */
  ONE_BITMAP,
  /** One sequential pass per side that keeps the rows of the ranges: for most of a huge table. */
  SEQUENTIAL;

  /**
   * Bytes of work_mem an exact bitmap needs per heap page (PostgreSQL's tidbitmap: 64), with a
   * margin.
   */
  static final long BITMAP_BYTES_PER_PAGE = 96;

  /**
   * Most work_mem pgparity gives one diff query; beyond it a table is diffed by a sequential pass.
   */
  static final long MAX_BITMAP_BYTES = 256L << 20;

  /**
   * Chooses the pass for ranges holding {@code rangeRows} of a table's {@code tableRows} rows in
   * {@code heapBlocks} pages. On a random heap, ranges with more than 1/200 of the rows touch most
   * pages (a row per page, roughly), so a bitmap must hold every page; past half the table, or when
   * that bitmap would need more than {@link #MAX_BITMAP_BYTES}, a sequential pass is cheaper.
   */
  public static DiffPass choose(
      boolean randomHeapOrder, long rangeRows, long tableRows, long heapBlocks) {
    if (!randomHeapOrder || rangeRows * 200 <= tableRows) {
      return INDEX_BATCHES;
    }
    if (rangeRows * 2 > tableRows || bitmapBytes(heapBlocks) > MAX_BITMAP_BYTES) {
      return SEQUENTIAL;
    }
    return ONE_BITMAP;
  }

  /** work_mem for an exact bitmap over {@code heapBlocks} pages. */
  static long bitmapBytes(long heapBlocks) {
    return Math.max(1, heapBlocks) * BITMAP_BYTES_PER_PAGE;
  }

  /**
   * Whether one query reads all the ranges, so splitting them over threads would read the table
   * twice.
   */
  public boolean wholeTable() {
    return this != INDEX_BATCHES;
  }
}
