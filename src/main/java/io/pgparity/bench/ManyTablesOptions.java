package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;

/**
 * The options of {@code pgparity bench --case many-tables}: how many tables, the seed of their
 * sizes, rounds, output folder, and whether to time verify's process start-up.
 */
record ManyTablesOptions(int tableCount, long seed, int rounds, Path out, boolean startup) {

  static final int DEFAULT_TABLE_COUNT = 1_000;
  static final int MIN_TABLE_COUNT = 1;
  static final int MAX_TABLE_COUNT = 10_000;
  static final long DEFAULT_SEED = 13;

  ManyTablesOptions {
    checkArgument(
        tableCount >= MIN_TABLE_COUNT && tableCount <= MAX_TABLE_COUNT,
        "table count must be between %s and %s but was %s",
        MIN_TABLE_COUNT,
        MAX_TABLE_COUNT,
        tableCount);
    checkArgument(
        rounds >= 1 && rounds <= BenchOptions.MAX_ROUNDS,
        "rounds must be between 1 and %s but was %s",
        BenchOptions.MAX_ROUNDS,
        rounds);
    checkNotNull(out, "out");
  }
}
