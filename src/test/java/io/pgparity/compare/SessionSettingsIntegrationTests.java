package io.pgparity.compare;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.connect.Side;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.testing.TestServers;
import java.net.URLEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identical tables on two servers whose sessions default to different settings (time zone, date and
 * interval style, float digits, bytea output, search path, planner switches), set per database, per
 * role or in the JDBC URL: pgparity pins its own session settings, so the tables must compare
 * CONSISTENT, and drift must still be reported exactly and in the pinned format. The tables live in
 * a database of their own, so the altered defaults never reach other tests.
 *
 * <p>pgjdbc sends the JVM's time zone and DateStyle ISO when it connects, which override the
 * TimeZone and DateStyle defaults below (they stay for a driver that would not); {@link
 * PostgresVersionsIntegrationTests} makes the zones really differ, with a login trigger.
 */
class SessionSettingsIntegrationTests {

  private static final Logger log = LoggerFactory.getLogger(SessionSettingsIntegrationTests.class);

  private static final String DATABASE = "pgparity_drift_settings";
  private static final String ROLE = "pgparity_drift_settings_role";
  private static final String SCHEMA = "drift";

  /** Defaults that change how values print or parse, and how queries are planned. */
  private static final List<String> PRIMARY_SETTINGS =
      List.of(
          "TimeZone = 'Asia/Tokyo'",
          "DateStyle = 'SQL, DMY'",
          "IntervalStyle = 'sql_standard'",
          "extra_float_digits = 0",
          "bytea_output = 'escape'",
          "search_path = \"$user\"",
          "standard_conforming_strings = off",
          "enable_indexscan = off");

  private static final List<String> REPLICA_SETTINGS =
      List.of(
          "TimeZone = 'America/St_Johns'",
          "DateStyle = 'German'",
          "IntervalStyle = 'iso_8601'",
          "extra_float_digits = -15",
          "bytea_output = 'hex'",
          "search_path = " + SCHEMA + ", public",
          "array_nulls = off",
          "enable_seqscan = off",
          "work_mem = '64kB'");

  private static EmbeddedPair pair;
  private static String primaryUrl;
  private static String replicaUrl;
  private static DataSource primary;
  private static DataSource replica;
  private static List<DriftTable> tables;

  @TempDir Path out;

  @BeforeAll
  static void createDatabases() {
    pair = TestServers.pair();
    dropDatabaseAndRole();
    pair.execBoth("CREATE DATABASE " + DATABASE);
    pair.execBoth("CREATE ROLE " + ROLE + " LOGIN SUPERUSER");
    primaryUrl = withDatabase(pair.primaryUrl());
    replicaUrl = withDatabase(pair.replicaUrl());
    primary = dataSource(primaryUrl);
    replica = dataSource(replicaUrl);
    List<WideType> types = WideType.supported(primary, replica);
    for (DataSource server : List.of(primary, replica)) {
      TestServers.exec(server, "CREATE SCHEMA " + SCHEMA);
      if (types.contains(WideType.CITEXT)) {
        TestServers.exec(server, "CREATE EXTENSION IF NOT EXISTS citext");
      }
      if (types.contains(WideType.CI_TEXT)) {
        TestServers.exec(
            server,
            "CREATE COLLATION "
                + SCHEMA
                + ".ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)");
      }
      TestServers.exec(
          server,
          "CREATE TYPE "
              + SCHEMA
              + ".mood AS ENUM ("
              + String.join(", ", Arrays.stream(WideType.MOOD_LABELS).map(Cell::quote).toList())
              + ")");
    }
    tables = new ArrayList<>();
    for (KeyKind kind : List.of(KeyKind.BIGINT, KeyKind.TIMESTAMPTZ, KeyKind.COMPOSITE)) {
      DriftTable table =
          new DriftTable(
              primary, replica, SCHEMA, "t_" + kind.name().toLowerCase(Locale.ROOT), kind, types);
      table.create();
      Random random = new Random(500 + kind.ordinal());
      DriftInjector rows = new DriftInjector(table, random, SCHEMA);
      kind.keys(random, new RandomCells(random, SCHEMA), 400)
          .forEach(key -> table.addBase(rows.row(key)));
      table.load(Side.PRIMARY, Side.REPLICA);
      table.analyze();
      tables.add(table);
    }
  }

  @AfterAll
  static void dropDatabases() {
    if (pair != null) {
      dropDatabaseAndRole();
    }
  }

  @AfterEach
  void undoSettings() {
    TestServers.exec(pair.primary(), "ALTER DATABASE " + DATABASE + " RESET ALL");
    TestServers.exec(pair.replica(), "ALTER DATABASE " + DATABASE + " RESET ALL");
    TestServers.exec(
        pair.replica(), "ALTER ROLE " + ROLE + " IN DATABASE " + DATABASE + " RESET ALL");
    tables.forEach(DriftTable::restore);
  }

  @Test
  void databaseDefaultsDifferOnEachSide() {
    PRIMARY_SETTINGS.forEach(
        s -> TestServers.exec(pair.primary(), "ALTER DATABASE " + DATABASE + " SET " + s));
    REPLICA_SETTINGS.forEach(
        s -> TestServers.exec(pair.replica(), "ALTER DATABASE " + DATABASE + " SET " + s));
    consistentThenDriftFoundExactly(primaryUrl, replicaUrl, "database defaults", 1);
  }

  @Test
  void roleDefaultsOnTheReplicaOnly() {
    REPLICA_SETTINGS.forEach(
        s ->
            TestServers.exec(
                pair.replica(), "ALTER ROLE " + ROLE + " IN DATABASE " + DATABASE + " SET " + s));
    consistentThenDriftFoundExactly(
        primaryUrl,
        replicaUrl.replaceFirst("([?&])user=[^&]*", "$1user=" + ROLE),
        "role defaults",
        2);
  }

  @Test
  void optionsInThePrimaryUrl() {
    String options =
        "-c TimeZone=Asia/Tokyo -c DateStyle=SQL,DMY -c IntervalStyle=sql_standard -c extra_float_digits=0"
            + " -c bytea_output=escape -c search_path="
            + SCHEMA;
    String url = primaryUrl + "&options=" + URLEncoder.encode(options, UTF_8).replace("+", "%20");
    consistentThenDriftFoundExactly(url, replicaUrl, "url options", 3);
  }

  private void consistentThenDriftFoundExactly(
      String primaryUrl, String replicaUrl, String context, long seed) {
    verify(primaryUrl, replicaUrl, 50, context + ", identical");
    for (DriftTable table : tables) {
      Random random = new Random(seed * 31 + table.kind.ordinal());
      new DriftInjector(table, random, SCHEMA).inject(10 + random.nextInt(20));
      table.apply();
    }
    verify(primaryUrl, replicaUrl, 50, context + ", drifted");
  }

  private void verify(String primaryUrl, String replicaUrl, int chunkRows, String context) {
    long start = System.nanoTime();
    VerifyRun run =
        VerifyRun.launch(
            primaryUrl,
            replicaUrl,
            out,
            chunkRows,
            tables.stream().map(t -> t.name).toList(),
            context);
    log.info(
        "{}: {} ({} ms)", context, run.outcome.verdict(), (System.nanoTime() - start) / 1_000_000);
    run.assertExactly(tables);
  }

  private static void dropDatabaseAndRole() {
    pair.execBoth("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    pair.execBoth("DROP ROLE IF EXISTS " + ROLE);
  }

  private static String withDatabase(String url) {
    return url.replaceFirst("^(jdbc:postgresql://[^/]*/)[^?]*", "$1" + DATABASE);
  }

  private static DataSource dataSource(String url) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    return dataSource;
  }
}
