package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.TablePlan;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.repair.RepairRuns;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.ExitCode;
import io.pgparity.verdict.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tables without any key on either side, compared as multisets of whole rows keyed by their row
 * hash: a row held three times on the primary and once on the replica is missing twice, a surplus
 * copy on the replica is extra once, and rows that equality would call equal (numeric scale, -0) or
 * that hold the same values in other places (swapped between columns or between rows) are different
 * rows.
 */
class KeylessTablesIntegrationTests {

  private static final int ROWS = 6_000;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static EmbeddedPair pair;
  private static String schema;

  @TempDir Path out;

  @BeforeAll
  static void create() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("keyless");
    drifted(schema + ".t");
    drifted(schema + ".r");
    pair.execBoth(
        "CREATE TABLE "
            + schema
            + ".same (v text, w int);"
            + " INSERT INTO "
            + schema
            + ".same SELECT 'v' || (g % 10), g % 3"
            + " FROM generate_series(1, 3000) g");
  }

  /** A keyless table with duplicates on both sides and the drift the tests expect. */
  private static void drifted(String table) {
    pair.execBoth(
        "CREATE TABLE "
            + table
            + " (x int, y int, n numeric, f float8, s text);"
            + " INSERT INTO "
            + table
            + " SELECT g, g * 2, g / 8.0, g * 0.5, 'r' || g"
            + " FROM generate_series(1, "
            + ROWS
            + ") g;"
            // duplicates both sides hold alike
            + " INSERT INTO "
            + table
            + " SELECT 1, 2, 0.125, 0.5, 'r1'"
            + " FROM generate_series(1, 4)");
    TestServers.exec(
        pair.primary(),
        "INSERT INTO "
            + table
            + " VALUES (-1, -1, 1, 1, 'thrice'), (-1, -1, 1, 1, 'thrice'),"
            + " (-1, -1, 1, 1, 'thrice'), (-2, -2, 2, 2, 'twice'), (-3, -3, 1.0, 3, 'scale'),"
            + " (-4, -4, 4, 0, 'zero'), (10, 20, 5, 5, 'swap columns'), (-5, -5, 5, 5, 'p'),"
            + " (-6, -6, 6, 6, 'q'), (-7, -7, NULL, NULL, NULL)");
    TestServers.exec(
        pair.replica(),
        "INSERT INTO "
            + table
            + " VALUES (-1, -1, 1, 1, 'thrice'), (-2, -2, 2, 2, 'twice'),"
            + " (-2, -2, 2, 2, 'twice'), (-3, -3, 1.00, 3, 'scale'), (-4, -4, 4, '-0', 'zero'),"
            + " (20, 10, 5, 5, 'swap columns'), (-5, -5, 5, 5, 'q'), (-6, -6, 6, 6, 'p'),"
            + " (-7, -7, NULL, NULL, NULL)");
  }

  /**
   * repair.sql deletes exactly the replica's surplus copies one by one and inserts the missing ones
   * (rows equality would confuse included), so a second verify finds the table consistent.
   */
  @org.junit.jupiter.api.Test
  void repairSqlDeletesEachSurplusCopyAndInsertsEachMissingOne() {
    String table = schema + ".r";
    RunOutcome drifted =
        RepairRuns.verify(pair.primaryUrl(), pair.replicaUrl(), out, List.of(table), true, false);
    assertThat(drifted.status()).as(drifted.verdict()).isEqualTo(Status.DIVERGENT);
    List<String> statements = RepairRuns.statements(drifted.runFolder());
    assertThat(statements.stream().filter(l -> l.startsWith("DELETE ")).count())
        .as("%s", statements)
        .isEqualTo(6);
    assertThat(statements.stream().filter(l -> l.startsWith("INSERT ")).count()).isEqualTo(7);
    RepairRuns.Result applied = RepairRuns.repair(drifted.runFolder().toString(), "--apply");
    assertThat(applied.code()).as("%s%s", applied.out(), applied.err()).isZero();
    assertThat(applied.line()).startsWith("APPLIED: 13 of 13 statements on the replica");
    RunOutcome repaired =
        RepairRuns.verify(pair.primaryUrl(), pair.replicaUrl(), out, List.of(table), false, false);
    assertThat(repaired.status()).as(repaired.verdict()).isEqualTo(Status.CONSISTENT);
    // applied twice, the guards hold: nothing more changes
    RepairRuns.Result again = RepairRuns.repair(drifted.runFolder().toString(), "--apply");
    assertThat(again.line()).as("%s%s", again.out(), again.err()).contains("0 of 13");
    assertThat(
            RepairRuns.verify(
                    pair.primaryUrl(), pair.replicaUrl(), out, List.of(table), false, false)
                .status())
        .isEqualTo(Status.CONSISTENT);
  }

  /** 100-row ranges make many ranges; 100 000 one range over every row. */
  @ParameterizedTest
  @ValueSource(ints = {100, 100_000})
  void everyCopyThatDiffersIsReportedWithItsValuesAndNothingElse(int chunkRows) throws IOException {
    RunOutcome outcome = launch(schema + ".t", chunkRows);
    List<String> reported = new ArrayList<>();
    Map<String, String> keyOfRow = new HashMap<>();
    for (DivergentRow row : divergences(outcome)) {
      assertThat(row.key().keySet()).containsExactly(TablePlan.ROW_HASH);
      String hash = row.key().get(TablePlan.ROW_HASH);
      Long.parseLong(hash); // a bigint, as text
      Map<String, String> values = row.primary() != null ? row.primary() : row.replica();
      String previous = keyOfRow.putIfAbsent(values.toString(), hash);
      assertThat(previous).as("identical rows share their row hash").isIn(null, hash);
      assertThat(row.columns()).isEmpty();
      reported.add(row.kind() + " " + text(row.primary()) + " " + text(row.replica()));
    }
    assertThat(keyOfRow.values()).as("distinct rows, distinct keys").doesNotHaveDuplicates();
    assertThat(reported)
        .as("chunk rows %s: %s", chunkRows, outcome.verdict())
        .containsExactlyInAnyOrder(
            "MISSING_ON_REPLICA {x=-1, y=-1, n=1, f=1, s=thrice} null",
            "MISSING_ON_REPLICA {x=-1, y=-1, n=1, f=1, s=thrice} null",
            "EXTRA_ON_REPLICA null {x=-2, y=-2, n=2, f=2, s=twice}",
            "MISSING_ON_REPLICA {x=-3, y=-3, n=1.0, f=3, s=scale} null",
            "EXTRA_ON_REPLICA null {x=-3, y=-3, n=1.00, f=3, s=scale}",
            "MISSING_ON_REPLICA {x=-4, y=-4, n=4, f=0, s=zero} null",
            "EXTRA_ON_REPLICA null {x=-4, y=-4, n=4, f=-0, s=zero}",
            "MISSING_ON_REPLICA {x=10, y=20, n=5, f=5, s=swap columns} null",
            "EXTRA_ON_REPLICA null {x=20, y=10, n=5, f=5, s=swap columns}",
            "MISSING_ON_REPLICA {x=-5, y=-5, n=5, f=5, s=p} null",
            "MISSING_ON_REPLICA {x=-6, y=-6, n=6, f=6, s=q} null",
            "EXTRA_ON_REPLICA null {x=-5, y=-5, n=5, f=5, s=q}",
            "EXTRA_ON_REPLICA null {x=-6, y=-6, n=6, f=6, s=p}");
    assertThat(outcome.status()).isEqualTo(Status.DIVERGENT);
    assertThat(ExitCode.of(outcome.status()).code()).isEqualTo(1);
    JsonNode summary = summary(outcome);
    assertThat(summary.get("status").stringValue()).isEqualTo("DIVERGENT");
    assertThat(summary.get("totals").get("divergentRows").asLong()).isEqualTo(13);
    JsonNode table = summary.get("tables").get(0);
    assertThat(table.get("status").stringValue()).isEqualTo("DIVERGENT");
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 100_000})
  void aKeylessTableWithTheSameDuplicatesOnBothSidesIsConsistent(int chunkRows) throws IOException {
    RunOutcome outcome = launch(schema + ".same", chunkRows);
    assertThat(outcome.status()).as(outcome.verdict()).isEqualTo(Status.CONSISTENT);
    assertThat(ExitCode.of(outcome.status()).code()).isZero();
    assertThat(divergences(outcome)).isEmpty();
  }

  private RunOutcome launch(String table, int chunkRows) {
    JobDefinition definition =
        new JobDefinition(
            "keyless",
            new ConnectionSpec(pair.primaryUrl(), null),
            new ConnectionSpec(pair.replicaUrl(), null),
            List.of(TableSpec.of(TableRef.parse(table))),
            new Tuning(2, chunkRows, 10_000, Duration.ofMinutes(5), Duration.ofSeconds(5)),
            out,
            null);
    return new SpringVerifyLauncher().launch(definition);
  }

  private static JsonNode summary(RunOutcome outcome) throws IOException {
    return JSON.readTree(Files.readString(outcome.runFolder().resolve("summary.json")));
  }

  private static List<DivergentRow> divergences(RunOutcome outcome) throws IOException {
    List<DivergentRow> rows = new ArrayList<>();
    for (String line : Files.readAllLines(outcome.runFolder().resolve("divergences.jsonl"))) {
      if (!line.isBlank()) {
        rows.add(DivergentRow.parse(JSON.readTree(line)));
      }
    }
    return rows;
  }

  private static String text(Map<String, String> row) {
    return row == null ? "null" : new LinkedHashMap<>(row).toString();
  }
}
