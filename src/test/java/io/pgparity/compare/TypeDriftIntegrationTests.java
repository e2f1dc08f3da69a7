package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.connect.Side;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.testing.TestServers;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Random drift in wide tables of every column type, one table per key type (bigint, uuid, text,
 * composite int+text): for each seed the drift is modelled, injected, verified and undone, and the
 * run must report exactly the modelled divergences with the values' exact text.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TypeDriftIntegrationTests {

  private static final Logger log = LoggerFactory.getLogger(TypeDriftIntegrationTests.class);

  private static final int SEEDS = 10;
  private static final Map<KeyKind, Integer> ROWS =
      Map.of(
          KeyKind.BIGINT,
          20_000,
          KeyKind.UUID,
          1_500,
          KeyKind.TEXT,
          1_500,
          KeyKind.COMPOSITE,
          3_000);

  /**
   * Many small ranges, a few, one per table; 10 000 on the 20 000-row table makes ranges of more
   * than 4 096 rows, which the narrower splits.
   */
  private static final int[] CHUNK_ROWS = {
    50, 200, 10_000, 25, 1_000, 100, 10_000, 500, 37, 10_000
  };

  private static EmbeddedPair pair;
  private static String schema;
  private static List<WideType> types;
  private static final Map<KeyKind, DriftTable> tables = new EnumMap<>(KeyKind.class);

  @TempDir Path out;

  @BeforeAll
  static void createAndLoad() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("type_drift");
    types = WideType.supported(pair.primary(), pair.replica());
    if (types.contains(WideType.CITEXT)) {
      pair.execBoth("CREATE EXTENSION IF NOT EXISTS citext");
    }
    if (types.contains(WideType.CI_TEXT)) {
      pair.execBoth(
          "CREATE COLLATION "
              + schema
              + ".ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)");
    }
    String labels =
        String.join(", ", Arrays.stream(WideType.MOOD_LABELS).map(Cell::quote).toList());
    pair.execBoth("CREATE TYPE " + schema + ".mood AS ENUM (" + labels + ")");
    for (KeyKind kind : List.of(KeyKind.BIGINT, KeyKind.UUID, KeyKind.TEXT, KeyKind.COMPOSITE)) {
      DriftTable table =
          new DriftTable(
              pair.primary(),
              pair.replica(),
              schema,
              "t_" + kind.name().toLowerCase(Locale.ROOT),
              kind,
              types);
      table.create();
      Random random = new Random(1_000 + kind.ordinal());
      DriftInjector rows = new DriftInjector(table, random, schema);
      kind.keys(random, new RandomCells(random, schema), ROWS.get(kind))
          .forEach(key -> table.addBase(rows.row(key)));
      tables.put(kind, table);
    }
    // two tables reach the replica by logical replication, two by the same inserts on both sides
    tables.get(KeyKind.BIGINT).load(Side.PRIMARY);
    tables.get(KeyKind.UUID).load(Side.PRIMARY);
    String publication = "pub_" + schema;
    pair.replicate(publication, tables.get(KeyKind.BIGINT).name, tables.get(KeyKind.UUID).name);
    pair.dropReplication(publication);
    tables.get(KeyKind.TEXT).load(Side.PRIMARY, Side.REPLICA);
    tables.get(KeyKind.COMPOSITE).load(Side.PRIMARY, Side.REPLICA);
    // statistics give the planner row estimates and key correlations, as on a real server
    tables.values().forEach(DriftTable::analyze);
  }

  @AfterAll
  static void dropSchema() {
    if (schema != null) {
      TestServers.dropSchema(schema);
    }
  }

  @Test
  @Order(1)
  void bothSidesHoldTheModelledValues() {
    for (DriftTable table : tables.values()) {
      table.assertStoredAsModelled(Side.PRIMARY);
      table.assertStoredAsModelled(Side.REPLICA);
    }
  }

  @Test
  @Order(2)
  void identicalTablesAreConsistent() {
    verify(100, List.copyOf(tables.values()), "before any drift");
  }

  @Test
  @Order(3)
  void everyEqualButNotIdenticalPairIsChangedAndEveryIdenticalPairIsNot() {
    for (DriftTable table : tables.values()) {
      List<List<String>> keys = table.keys(Side.REPLICA);
      int row = 0;
      for (Map.Entry<WideType, List<Cell[]>> entry :
          EqualPairs.all(table.types, schema).entrySet()) {
        int column = table.columns.indexOf(entry.getKey().column());
        for (Cell[] pair : entry.getValue()) {
          List<String> key = keys.get(row++ * 7);
          table.update(Side.PRIMARY, key, column, pair[0]);
          table.update(Side.REPLICA, key, column, pair[1]);
        }
      }
    }
    drifted(200, List.copyOf(tables.values()), "equal pairs");
  }

  /**
   * One seed drifts all four tables at once (each its own way) and verifies them in one run, so
   * every key type sees every seed and tables are narrowed side by side on the worker threads.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @Order(4)
  void randomDriftIsFoundExactly(long seed) {
    for (DriftTable table : tables.values()) {
      Random random = new Random(seed * 7_919 + table.kind.ordinal());
      DriftInjector injector = new DriftInjector(table, random, schema);
      injector.inject(1 + random.nextInt(30));
      if (seed % 3 == 0) {
        // enough divergent rows in one range to need several fetch batches
        injector.deleteBlock(Side.REPLICA, 200 + random.nextInt(500));
        injector.insertMany(Side.REPLICA, 50 + random.nextInt(100));
      }
    }
    drifted(
        CHUNK_ROWS[(int) (seed - 1) % CHUNK_ROWS.length],
        List.copyOf(tables.values()),
        "seed " + seed);
  }

  static Stream<Long> seeds() {
    return LongStream.rangeClosed(1, SEEDS).boxed();
  }

  @Test
  @Order(5)
  void restoredTablesAreConsistentAgain() {
    verify(1_000, List.copyOf(tables.values()), "after every seed was restored");
  }

  /**
   * Values a type's own hash or binary form gets wrong. numeric NaN and the infinities hash like
   * NULL; timetz XORs the hashes of time and zone, so 00:00+00 hashes like NULL and a time and a
   * zone that swap numbers collide. And two NaNs that differ only in the sign bit print the same
   * NaN: logical replication sends floats as text, so a primary's -NaN (from Infinity - Infinity)
   * always arrives as +NaN, which must not count as a divergence.
   */
  @Test
  @Order(6)
  void valuesThatTypeHashesConfuseAreComparedByIdentity() {
    String table = schema + ".hash_traps";
    pair.execBoth(
        "CREATE TABLE "
            + table
            + " (id int PRIMARY KEY, n numeric, r real, d double precision, tz timetz)");
    TestServers.exec(
        pair.primary(),
        "INSERT INTO "
            + table
            + " VALUES"
            + " (1, 'NaN', 0, 0, '00:00:00+00'),"
            + " (2, 'Infinity', 'Infinity'::real - 'Infinity'::real, 'Infinity'::float8 - 'Infinity'::float8, '00:00:00.0036+00'),"
            + " (3, '-Infinity', -('NaN'::real), -('NaN'::float8), '12:00:00+02'),"
            + " (4, 'NaN', 'NaN', 'NaN', NULL),"
            + " (5, 1, 1, 1, '00:00:00.0036+00')");
    String publication = "pub_traps_" + schema;
    pair.replicate(publication, table);
    pair.dropReplication(publication);
    String bits = "SELECT float8send(d)::text FROM " + table + " WHERE id = 2";
    assertThat(
            List.of(
                TestServers.query(pair.primary(), bits), TestServers.query(pair.replica(), bits)))
        .as("the NaN bits differ between the sides")
        .containsExactly("\\xfff8000000000000", "\\x7ff8000000000000");
    VerifyRun.launch(
            pair.primaryUrl(), pair.replicaUrl(), out, 100, List.of(table), "hash traps replicated")
        .assertExpected(List.of(new VerifyRun.Expectation(table, List.of(), 5, 5)));

    TestServers.exec(
        pair.replica(),
        "UPDATE "
            + table
            + " SET n = NULL, tz = NULL WHERE id = 1;"
            + "UPDATE "
            + table
            + " SET n = '-Infinity', tz = '00:00:00-01' WHERE id = 2;"
            + "UPDATE "
            + table
            + " SET n = 'NaN' WHERE id = 3;"
            + "UPDATE "
            + table
            + " SET n = 'Infinity', tz = '00:00:00+00' WHERE id = 4;"
            + "UPDATE "
            + table
            + " SET tz = '00:00:00-01' WHERE id = 5");
    List<DivergentRow> expected =
        List.of(
            changed(
                table,
                "1",
                List.of("n", "tz"),
                row("1", "NaN", "0", "0", "00:00:00+00"),
                row("1", null, "0", "0", null)),
            changed(
                table,
                "2",
                List.of("n", "tz"),
                row("2", "Infinity", "NaN", "NaN", "00:00:00.0036+00"),
                row("2", "-Infinity", "NaN", "NaN", "00:00:00-01")),
            changed(
                table,
                "3",
                List.of("n"),
                row("3", "-Infinity", "NaN", "NaN", "12:00:00+02"),
                row("3", "NaN", "NaN", "NaN", "12:00:00+02")),
            changed(
                table,
                "4",
                List.of("n", "tz"),
                row("4", "NaN", "NaN", "NaN", null),
                row("4", "Infinity", "NaN", "NaN", "00:00:00+00")),
            changed(
                table,
                "5",
                List.of("tz"),
                row("5", "1", "1", "1", "00:00:00.0036+00"),
                row("5", "1", "1", "1", "00:00:00-01")));
    VerifyRun.launch(
            pair.primaryUrl(), pair.replicaUrl(), out, 100, List.of(table), "hash traps drifted")
        .assertExpected(List.of(new VerifyRun.Expectation(table, expected, 5, 5)));
  }

  private static DivergentRow changed(
      String table,
      String id,
      List<String> columns,
      Map<String, String> primary,
      Map<String, String> replica) {
    return new DivergentRow(
        table, Map.of("id", id), DivergenceKind.CHANGED, columns, primary, replica);
  }

  private static Map<String, String> row(String id, String n, String r, String d, String tz) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("n", n);
    row.put("r", r);
    row.put("d", d);
    row.put("tz", tz);
    return row;
  }

  private void drifted(int chunkRows, List<DriftTable> drifted, String context) {
    try {
      drifted.forEach(DriftTable::apply);
      verify(chunkRows, drifted, context);
    } finally {
      drifted.forEach(DriftTable::restore);
    }
  }

  private void verify(int chunkRows, List<DriftTable> verified, String context) {
    long start = System.nanoTime();
    VerifyRun run =
        VerifyRun.launch(
            pair.primaryUrl(),
            pair.replicaUrl(),
            out,
            chunkRows,
            verified.stream().map(t -> t.name).toList(),
            context);
    log.info(
        "{}: {} ({} ms)", context, run.outcome.verdict(), (System.nanoTime() - start) / 1_000_000);
    run.assertExactly(verified);
  }
}
