package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.connect.Side;
import io.pgparity.testing.PostgresBinaries;
import io.pgparity.testing.TestServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The row hash is canonical on every supported major, PostgreSQL 14 to 18: on one server of each
 * major, two databases whose sessions default to different date orders, interval styles, float
 * digits, bytea output and search paths, a non-UTC zone and, from 17 on, different time zones
 * ({@link SessionDefaults}), hold the same wide tables, which must compare CONSISTENT; then every
 * equal-but-not-identical pair (numeric 1.0 and 1.00, float -0 and 0, interval '1 day' and
 * '24:00:00', jsonb 1.0 and 1.00, 'Alice' and 'alice' in citext and a case-insensitive collation,
 * ...) must be reported CHANGED in exactly its column. A replica on a newer major than its primary
 * (15 and 18, as during an upgrade) must compare the same way and show random drift exactly.
 */
class PostgresVersionsIntegrationTests {

  private static final Logger log = LoggerFactory.getLogger(PostgresVersionsIntegrationTests.class);

  private static final String SCHEMA = "wide";
  private static final String PRIMARY_DATABASE = "pgparity_primary";
  private static final String REPLICA_DATABASE = "pgparity_replica";
  private static final int ROWS = 300;

  /**
   * A pair on every third row: one pair per row, so each CHANGED row names just that pair's column.
   */
  private static final int PAIR_STRIDE = 3;

  /**
   * The pairs the issue names, as {column, primary text, replica text}; all come from {@link
   * EqualPairs}.
   */
  private static final List<List<String>> NAMED_PAIRS =
      List.of(
          List.of("c_numeric", "1.0", "1.00"),
          List.of("c_real", "0", "-0"),
          List.of("c_double", "-0", "0"),
          List.of("c_interval", "1 day", "24:00:00"),
          List.of("c_jsonb", "{\"a\": 1.0}", "{\"a\": 1.00}"),
          List.of("c_text", "Alice", "alice"),
          List.of("c_citext", "Alice", "alice"),
          List.of("c_ci_text", "Alice", "alice"));

  @TempDir Path root;
  @TempDir Path out;

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void sessionSettingsNeverChangeTheHashAndIdentityPairsAreChanged(int major) throws IOException {
    PostgresBinaries binaries = PostgresBinaries.of(major);
    try (EmbeddedPostgres server = binaries.start(root.resolve("pg" + major))) {
      assertMajor(server, major);
      List<DriftTable> tables = createTables(server, server, major);
      String context = "PostgreSQL " + binaries.version();
      verify(tables, server, server, context + ", identical").assertExactly(tables);
      addEqualPairs(tables);
      assertNamedPairsChanged(
          verify(tables, server, server, context + ", equal pairs").assertExactly(tables));
    }
  }

  @Test
  void aReplicaOnANewerMajorMatchesItsPrimary() throws IOException {
    try (EmbeddedPostgres primary = PostgresBinaries.of(15).start(root.resolve("pg15"));
        EmbeddedPostgres replica = PostgresBinaries.of(18).start(root.resolve("pg18"))) {
      assertMajor(primary, 15);
      assertMajor(replica, 18);
      List<DriftTable> tables = createTables(primary, replica, 18);
      verify(tables, primary, replica, "15 -> 18, identical").assertExactly(tables);
      addEqualPairs(tables);
      assertNamedPairsChanged(
          verify(tables, primary, replica, "15 -> 18, equal pairs").assertExactly(tables));
      tables.forEach(DriftTable::restore);
      for (DriftTable table : tables) {
        Random random = new Random(18 * 31 + table.kind.ordinal());
        new DriftInjector(table, random, SCHEMA).inject(10 + random.nextInt(20));
        table.apply();
      }
      VerifyRun drifted =
          verify(tables, primary, replica, "15 -> 18, random drift").assertExactly(tables);
      assertThat(drifted.divergences)
          .as("a changed row among the drift")
          .anyMatch(d -> d.kind() == DivergenceKind.CHANGED);
    }
  }

  /**
   * Creates both databases and the same wide tables in them (a BIGINT and a TIMESTAMPTZ key, whose
   * text follows TimeZone), then gives each database its own session defaults.
   */
  private static List<DriftTable> createTables(
      EmbeddedPostgres primaryServer, EmbeddedPostgres replicaServer, int replicaMajor) {
    DataSource primary = database(primaryServer, PRIMARY_DATABASE);
    DataSource replica = database(replicaServer, REPLICA_DATABASE);
    List<WideType> types = WideType.supported(primary, replica);
    assertThat(types)
        .as("every wide type, citext and ICU included")
        .containsExactly(WideType.values());
    String labels =
        String.join(", ", Arrays.stream(WideType.MOOD_LABELS).map(Cell::quote).toList());
    for (DataSource server : List.of(primary, replica)) {
      TestServers.exec(
          server,
          "CREATE SCHEMA "
              + SCHEMA
              + "; CREATE EXTENSION citext SCHEMA public;"
              + " CREATE COLLATION "
              + SCHEMA
              + ".ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);"
              + " CREATE TYPE "
              + SCHEMA
              + ".mood AS ENUM ("
              + labels
              + ")");
    }
    List<DriftTable> tables = new ArrayList<>();
    for (KeyKind kind : List.of(KeyKind.BIGINT, KeyKind.TIMESTAMPTZ)) {
      DriftTable table =
          new DriftTable(
              primary, replica, SCHEMA, "t_" + kind.name().toLowerCase(Locale.ROOT), kind, types);
      table.create();
      Random random = new Random(1_400 + kind.ordinal());
      DriftInjector rows = new DriftInjector(table, random, SCHEMA);
      kind.keys(random, new RandomCells(random, SCHEMA), ROWS)
          .forEach(key -> table.addBase(rows.row(key)));
      table.load(Side.PRIMARY, Side.REPLICA);
      table.analyze();
      tables.add(table);
    }
    SessionDefaults.apply(
        primaryServer.getJdbcUrl("postgres", PRIMARY_DATABASE),
        PRIMARY_DATABASE,
        replicaServer.getJdbcUrl("postgres", REPLICA_DATABASE),
        REPLICA_DATABASE,
        SCHEMA,
        replicaMajor);
    return tables;
  }

  /** Puts every pair of {@link EqualPairs} on a row of its own, in each table. */
  private static void addEqualPairs(List<DriftTable> tables) {
    for (DriftTable table : tables) {
      List<List<String>> keys = table.keys(Side.REPLICA);
      int row = 0;
      for (Map.Entry<WideType, List<Cell[]>> entry :
          EqualPairs.all(table.types, SCHEMA).entrySet()) {
        int column = table.columns.indexOf(entry.getKey().column());
        for (Cell[] pair : entry.getValue()) {
          List<String> key = keys.get(row++ * PAIR_STRIDE);
          table.update(Side.PRIMARY, key, column, pair[0]);
          table.update(Side.REPLICA, key, column, pair[1]);
        }
      }
      table.apply();
    }
  }

  /**
   * The exact check already covers them; this says by name that the pairs are among them.
   */
  private static void assertNamedPairsChanged(VerifyRun run) {
    for (List<String> pair : NAMED_PAIRS) {
      String column = pair.get(0);
      List<DivergentRow> found =
          run.divergences.stream()
              .filter(d -> d.primary() != null && d.replica() != null)
              .filter(
                  d ->
                      pair.get(1).equals(d.primary().get(column))
                          && pair.get(2).equals(d.replica().get(column)))
              .toList();
      assertThat(found)
          .as("%s %s vs %s, once per table", column, pair.get(1), pair.get(2))
          .hasSize(2)
          .allSatisfy(
              d -> {
                assertThat(d.kind()).isEqualTo(DivergenceKind.CHANGED);
                assertThat(d.columns()).containsExactly(column);
              });
    }
  }

  private VerifyRun verify(
      List<DriftTable> tables, EmbeddedPostgres primary, EmbeddedPostgres replica, String context) {
    long start = System.nanoTime();
    VerifyRun run =
        SessionDefaults.inJvmZone(
            () ->
                VerifyRun.launch(
                    SessionDefaults.primaryUrl(primary.getJdbcUrl("postgres", PRIMARY_DATABASE)),
                    replica.getJdbcUrl("postgres", REPLICA_DATABASE),
                    out,
                    50,
                    tables.stream().map(t -> t.name).toList(),
                    context));
    log.info(
        "{}: {} ({} ms)", context, run.outcome.verdict(), (System.nanoTime() - start) / 1_000_000);
    return run;
  }

  private static void assertMajor(EmbeddedPostgres server, int major) {
    String version =
        TestServers.query(
            server.getPostgresDatabase(), "SELECT current_setting('server_version_num')");
    assertThat(Integer.parseInt(version) / 10_000)
        .as("server_version_num %s", version)
        .isEqualTo(major);
  }

  private static DataSource database(EmbeddedPostgres server, String name) {
    TestServers.exec(server.getPostgresDatabase(), "CREATE DATABASE " + name);
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(server.getJdbcUrl("postgres", name));
    return dataSource;
  }
}
