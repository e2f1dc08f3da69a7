package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which row numbers (1..rows) the replica loses, changes and gains: 0.01% of the rows, at least
 * one, each at the middle of its own equal slice of the row numbers so they spread over the whole
 * key space; the kinds take turns (update, delete, insert, update, ...).
 */
public record DriftPlan(long rows, List<Long> updates, List<Long> deletes, List<Long> inserts) {

  /** One divergent row per this many rows: 0.01%. */
  public static final long ROWS_PER_DIVERGENCE = 10_000;

  public DriftPlan {
    checkArgument(rows >= 1, "rows must be at least 1 but was %s", rows);
    updates = List.copyOf(updates);
    deletes = List.copyOf(deletes);
    inserts = List.copyOf(inserts);
  }

  /** The plan for a table of {@code rows} rows. */
  public static DriftPlan of(long rows) {
    checkArgument(rows >= 1, "rows must be at least 1 but was %s", rows);
    long count = Math.max(1, rows / ROWS_PER_DIVERGENCE);
    List<List<Long>> kinds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (long j = 0; j < count; j++) {
      // the middle of slice j of count equal slices of 1..rows; distinct because rows >= count
      long number = 1 + (2 * j + 1) * rows / (2 * count);
      kinds.get((int) (j % 3)).add(number);
    }
    return new DriftPlan(rows, kinds.get(0), kinds.get(1), kinds.get(2));
  }

  /** The rows that differ once the plan is applied: each change makes exactly one. */
  public long total() {
    return updates.size() + deletes.size() + inserts.size();
  }

  /** A PostgreSQL bigint[] literal, e.g. {@code '{5000,15000}'::bigint[]}. */
  static String array(List<Long> numbers) {
    return numbers.stream()
        .map(String::valueOf)
        .collect(Collectors.joining(",", "'{", "}'::bigint[]"));
  }
}
