package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code pgparity bench}: rows per table, rounds per case, output folder, tables,
 * and whether each round also times plain (not lag-aware) verify.
 */
public record BenchOptions(
    int rows, int rounds, Path out, List<BenchTable> tables, boolean lagCompare, boolean help) {

  public static final int DEFAULT_ROWS = 1_000_000;
  public static final int MIN_ROWS = 1_000;
  public static final int MAX_ROWS = 10_000_000;
  public static final int DEFAULT_ROUNDS = 3;
  public static final int MAX_ROUNDS = 100;
  public static final Path DEFAULT_OUT = Path.of("reports");

  public BenchOptions {
    checkArgument(
        rows >= MIN_ROWS && rows <= MAX_ROWS,
        "rows must be between %s and %s but was %s",
        MIN_ROWS,
        MAX_ROWS,
        rows);
    checkArgument(
        rounds >= 1 && rounds <= MAX_ROUNDS,
        "rounds must be between 1 and %s but was %s",
        MAX_ROUNDS,
        rounds);
    checkNotNull(out, "out");
    tables = List.copyOf(tables);
    checkArgument(!tables.isEmpty(), "bench needs at least one table");
    checkArgument(
        tables.stream().distinct().count() == tables.size(), "a table is listed twice: %s", tables);
  }

  /** What {@code pgparity bench} without options does. */
  public static BenchOptions defaults() {
    return new BenchOptions(
        DEFAULT_ROWS, DEFAULT_ROUNDS, DEFAULT_OUT, List.of(BenchTable.values()), true, false);
  }

  /** Just {@code --help}. */
  public static BenchOptions helpOnly() {
    return new BenchOptions(
        DEFAULT_ROWS, DEFAULT_ROUNDS, DEFAULT_OUT, List.of(BenchTable.values()), true, true);
  }
}
