package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.connect.Side;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.testing.TestServers;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Range planning and narrowing over awkward bigint key spaces: huge gaps, skew, rows beyond the
 * primary's smallest and largest key, an empty side, a side much larger than the other, ranges that
 * must be split. Whatever the range size, the result must be exact.
 */
class KeySpaceIntegrationTests {

  private static final Logger log = LoggerFactory.getLogger(KeySpaceIntegrationTests.class);

  private static final long E15 = 1_000_000_000_000_000L;
  private static final List<WideType> COLUMNS = List.of(WideType.TEXT, WideType.INTEGER);
  private static final int[] CHUNK_ROWS = {10, 37, 100, 500, 10_000, 64, 2_000, 10};

  private static EmbeddedPair pair;
  private static String schema;
  private static DriftTable gaps;
  private static DriftTable skewed;
  private static DriftTable big;

  @TempDir Path out;

  @BeforeAll
  static void createAndLoad() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("key_space");
    Random random = new Random(42);
    gaps = table("gaps");
    LongStream.concat(LongStream.rangeClosed(1, 1_000), LongStream.rangeClosed(E15, E15 + 1_000))
        .forEach(k -> gaps.addBase(row(gaps, random, k)));
    skewed = table("skewed");
    // clusters of very different size and density, from near the minimum to near the maximum
    long[] starts = {
      Long.MIN_VALUE, -E15 * 9_000, -1_000_000_000L, -5, 1_000_000, 3 * E15, Long.MAX_VALUE - 10_000
    };
    for (long start : starts) {
      long k = start;
      for (int n = 20 + random.nextInt(600);
          n > 0;
          n--, k += 1 + random.nextInt(random.nextBoolean() ? 3 : 1_000)) {
        skewed.addBase(row(skewed, random, k));
      }
    }
    big = table("big");
    long k = -50_000;
    for (int n = 0; n < 20_000; n++, k += 1 + random.nextInt(n < 10_000 ? 2 : 50)) {
      big.addBase(row(big, random, k));
    }
    for (DriftTable table : List.of(gaps, skewed, big)) {
      table.load(Side.PRIMARY, Side.REPLICA);
      table.analyze();
    }
  }

  @AfterAll
  static void dropSchema() {
    if (schema != null) {
      TestServers.dropSchema(schema);
    }
  }

  @AfterEach
  void restore() {
    for (DriftTable table : List.of(gaps, skewed, big)) {
      table.restore();
    }
  }

  @ParameterizedTest(name = "chunk-rows {0}")
  @ValueSource(ints = {10, 50, 100, 1_000, 10_000})
  void rowsBeyondAndBetweenThePrimarysKeysAreFound(int chunkRows) {
    Random random = new Random(chunkRows);
    for (long key :
        new long[] {
          Long.MIN_VALUE, -1, 0, 500_000, E15 - 1, E15 + 1_001, E15 + 5_000, Long.MAX_VALUE
        }) {
      gaps.insert(Side.REPLICA, row(gaps, random, key));
    }
    for (long key : new long[] {999_999, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1}) {
      gaps.insert(Side.PRIMARY, row(gaps, random, key));
    }
    gaps.delete(Side.REPLICA, List.of("1"));
    gaps.delete(Side.REPLICA, List.of(Long.toString(E15 + 1_000)));
    gaps.update(Side.REPLICA, List.of("1000"), 1, Cell.literal("changed", "text"));
    gaps.update(Side.REPLICA, List.of(Long.toString(E15)), 2, Cell.NULL);
    verify(chunkRows, "beyond and between, chunk-rows " + chunkRows, gaps);
  }

  @Test
  void anEmptySideMakesEveryRowOfTheOtherSideADivergence() {
    Random random = new Random(7);
    DriftTable emptyPrimary = table("empty_primary");
    DriftTable emptyReplica = table("empty_replica");
    DriftTable emptyBoth = table("empty_both");
    for (int i = 0; i < 300; i++) {
      long key = i % 3 == 0 ? random.nextLong() : i * 1_000_003L;
      emptyPrimary.insert(Side.REPLICA, row(emptyPrimary, random, key));
      emptyReplica.insert(Side.PRIMARY, row(emptyReplica, random, key));
    }
    List<DriftTable> tables = List.of(emptyPrimary, emptyReplica, emptyBoth);
    tables.forEach(DriftTable::apply);
    for (int chunkRows : new int[] {10, 100, 10_000}) {
      verify(
          chunkRows, "an empty side, chunk-rows " + chunkRows, tables.toArray(DriftTable[]::new));
    }
    // with statistics the planner takes the row estimate (and the boundaries) from the larger side
    tables.forEach(DriftTable::analyze);
    verify(10, "an empty side, analyzed", tables.toArray(DriftTable[]::new));
  }

  @Test
  void aReplicaFarLargerThanThePrimaryIsPlannedFromTheReplica() {
    Random random = new Random(11);
    DriftTable grown = table("grown");
    for (long k = 1; k <= 250; k++) {
      grown.addBase(row(grown, random, k * 7));
      grown.addBase(row(grown, random, 10_000_000 + k * 7));
    }
    grown.load(Side.PRIMARY, Side.REPLICA);
    // 6 000 rows in the gap between the primary's two clusters, and some below and above them
    for (long k = 0; k < 6_000; k++) {
      grown.insert(Side.REPLICA, row(grown, random, 100_000 + k));
    }
    grown.insert(Side.REPLICA, row(grown, random, -E15));
    grown.insert(Side.REPLICA, row(grown, random, E15));
    grown.update(Side.REPLICA, List.of("7"), 2, Cell.literal("-1", "integer"));
    grown.apply();
    grown.analyze();
    for (int chunkRows : new int[] {100, 10_000}) {
      verify(chunkRows, "a grown replica, chunk-rows " + chunkRows, grown);
    }
  }

  /**
   * 20 000 rows in two ranges of 10 000: every mismatched range holds more than 4 096 rows and is
   * split.
   */
  @Test
  void largeRangesAreSplitUntilTheDivergentRowsAreFound() {
    Random random = new Random(3);
    DriftInjector injector = new DriftInjector(big, random, schema);
    injector.deleteBlock(Side.REPLICA, 4_500);
    // a dense run of new keys past the end: a range where the replica has many more rows
    for (long k = 0; k < 4_200; k++) {
      big.insert(Side.REPLICA, row(big, random, 5 * E15 + k));
    }
    injector.inject(40);
    VerifyRun run = verify(10_000, "split ranges", big);
    assertThat(run.tableResult(big.name).get("ranges").asInt())
        .as("ranges of 20 000 rows")
        .isLessThanOrEqualTo(3);
  }

  /** One divergent row in most ranges of 10 rows: the small ranges are diffed many per query. */
  @Test
  void driftScatteredOverThousandsOfSmallRangesIsFoundExactly() {
    List<List<String>> keys = big.keys(Side.REPLICA);
    for (int i = 0; i < keys.size(); i += 13) {
      switch (i % 3) {
        case 0 -> big.update(Side.REPLICA, keys.get(i), 1, Cell.literal("drift " + i, "text"));
        case 1 -> big.delete(Side.REPLICA, keys.get(i));
        default -> big.delete(Side.PRIMARY, keys.get(i));
      }
    }
    VerifyRun run = verify(10, "scattered", big);
    assertThat(run.tableResult(big.name).get("ranges").asInt()).as("ranges").isGreaterThan(1_000);
  }

  static Stream<Long> seeds() {
    return LongStream.rangeClosed(1, CHUNK_ROWS.length).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomDriftInASkewedKeySpaceIsFoundExactly(long seed) {
    Random random = new Random(seed);
    DriftInjector injector = new DriftInjector(skewed, random, schema);
    injector.inject(5 + random.nextInt(40));
    if (seed % 2 == 0) {
      injector.deleteBlock(
          random.nextBoolean() ? Side.REPLICA : Side.PRIMARY, 10 + random.nextInt(300));
    }
    skewed.apply();
    if (seed % 3 == 0) {
      skewed.analyze();
    }
    verify(CHUNK_ROWS[(int) seed - 1], "skewed seed " + seed, skewed);
  }

  private VerifyRun verify(int chunkRows, String context, DriftTable... tables) {
    for (DriftTable table : tables) {
      table.apply();
    }
    long start = System.nanoTime();
    VerifyRun run =
        VerifyRun.launch(
            pair.primaryUrl(),
            pair.replicaUrl(),
            out,
            chunkRows,
            Stream.of(tables).map(t -> t.name).toList(),
            context);
    log.info(
        "{}: {} ({} ms)", context, run.outcome.verdict(), (System.nanoTime() - start) / 1_000_000);
    return run.assertExactly(List.of(tables));
  }

  private static DriftTable table(String name) {
    DriftTable table =
        new DriftTable(pair.primary(), pair.replica(), schema, name, KeyKind.BIGINT, COLUMNS);
    table.create();
    return table;
  }

  private static Cell[] row(DriftTable table, Random random, long key) {
    return new DriftInjector(table, random, schema).row(new Cell[] {KeyKind.bigint(key)});
  }
}
