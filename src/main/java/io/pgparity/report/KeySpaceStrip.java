package io.pgparity.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where in one table's key space the differences lie: the number of ranges (in key order, about
 * chunk-rows rows each, so a position along the strip is a share of the rows, not of the key
 * values) and, for each range whose hashes differed, how many divergent rows it held (0 when its
 * suspect rows all converged, were unstable, or were left unexamined once max-divergences was hit).
 */
public record KeySpaceStrip(int ranges, Map<Integer, Long> mismatched) {

  /**
   * At most this many cells are drawn: a table with more ranges has several adjacent ranges per
   * cell, which keeps report.html small and each cell wide enough to see.
   */
  public static final int MAX_CELLS = 200;

  public KeySpaceStrip {
    checkArgument(ranges >= 0, "ranges must not be negative but was %s", ranges);
    checkNotNull(mismatched, "mismatched");
    for (Map.Entry<Integer, Long> e : mismatched.entrySet()) {
      checkArgument(
          e.getKey() >= 0 && e.getKey() < ranges,
          "mismatched range %s must lie in 0..%s (the table has %s ranges)",
          e.getKey(),
          ranges - 1,
          ranges);
      checkArgument(
          e.getValue() != null && e.getValue() >= 0,
          "divergent rows of range %s must not be negative but were %s",
          e.getKey(),
          e.getValue());
    }
    mismatched = Collections.unmodifiableSortedMap(new TreeMap<>(mismatched));
  }

  /** Divergent rows over all ranges. */
  public long divergentRows() {
    return mismatched.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The strip as at most {@value #MAX_CELLS} cells in key order: one per range, or with more
   * ranges, range {@code i} in cell {@code i * cells / ranges}, so cells differ by at most one
   * range.
   */
  public List<Cell> cells() {
    int cells = Math.min(ranges, MAX_CELLS);
    int[] count = new int[cells];
    long[] rows = new long[cells];
    mismatched.forEach(
        (range, divergent) -> {
          int cell = (int) (range * (long) cells / ranges);
          count[cell]++;
          rows[cell] += divergent;
        });
    List<Cell> out = new ArrayList<>(cells);
    for (int c = 0; c < cells; c++) {
      // the first range r with r * cells / ranges >= c
      int first = (int) ((c * (long) ranges + cells - 1) / cells);
      int last = (int) (((c + 1) * (long) ranges + cells - 1) / cells) - 1;
      out.add(new Cell(first, last, count[c], rows[c]));
    }
    return out;
  }

  /**
   * Ranges {@code first..last} (inclusive) of the strip, how many of them mismatched and their
   * divergent rows.
   */
  public record Cell(int first, int last, int mismatchedRanges, long divergentRows) {

    public Cell {
      checkArgument(
          0 <= first && first <= last,
          "a cell covers ranges first..last but was %s..%s",
          first,
          last);
      checkArgument(
          mismatchedRanges >= 0 && mismatchedRanges <= last - first + 1,
          "a cell of %s ranges cannot have %s mismatched",
          last - first + 1,
          mismatchedRanges);
      checkArgument(
          divergentRows >= 0, "divergent rows must not be negative but were %s", divergentRows);
    }
  }
}
