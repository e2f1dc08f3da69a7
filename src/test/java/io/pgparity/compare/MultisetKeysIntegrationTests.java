package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.ExitCode;
import io.pgparity.verdict.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * A replica table that does not enforce the primary's key: a key held twice, a surplus copy with
 * other values, a NULL key. Rows are paired per key as multisets, so each surplus copy is one
 * EXTRA_ON_REPLICA with its values, and a NULL key is reported with a JSON null; and a difference
 * the reported rows do not explain on a copy that is not waited for fails the run loudly.
 */
class MultisetKeysIntegrationTests {

  private static final int ROWS = 6_000;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static EmbeddedPair pair;
  private static String schema;

  @TempDir Path out;

  @BeforeAll
  static void create() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("multiset_keys");
    TestServers.exec(
        pair.primary(), "CREATE TABLE " + schema + ".t (id bigint PRIMARY KEY, v text NOT NULL)");
    // a re-copied subscriber table: no primary key, no NOT NULL
    TestServers.exec(pair.replica(), "CREATE TABLE " + schema + ".t (id bigint, v text)");
    pair.execBoth(
        "INSERT INTO " + schema + ".t SELECT g, 'v' || g FROM generate_series(1, " + ROWS + ") g");
    TestServers.exec(
        pair.replica(),
        "INSERT INTO "
            + schema
            + ".t VALUES (5, 'v5'), (7, 'other'), (NULL, 'nokey'),"
            + " (NULL, 'nokey')");
    TestServers.exec(pair.replica(), "UPDATE " + schema + ".t SET v = 'changed' WHERE id = 9");
    TestServers.exec(pair.replica(), "DELETE FROM " + schema + ".t WHERE id = 11");
    // the replica's key column ignores case: 'key5' equals 'Key5' there, and the fetch of both
    // suspects must still return the one replica row once
    TestServers.exec(
        pair.primary(), "CREATE TABLE " + schema + ".ci (k text PRIMARY KEY, v int NOT NULL)");
    TestServers.exec(
        pair.replica(),
        "CREATE COLLATION "
            + schema
            + ".ci (provider = icu, locale = 'und-u-ks-level2',"
            + " deterministic = false); CREATE TABLE "
            + schema
            + ".ci (k text COLLATE "
            + schema
            + ".ci PRIMARY KEY,"
            + " v int NOT NULL)");
    pair.execBoth(
        "INSERT INTO " + schema + ".ci SELECT 'Key' || g, g FROM generate_series(1, 1000) g");
    TestServers.exec(pair.replica(), "UPDATE " + schema + ".ci SET k = 'key5' WHERE k = 'Key5'");
    pair.execBoth("CREATE TABLE " + schema + ".u (id bigint PRIMARY KEY, v int NOT NULL)");
    pair.execBoth("INSERT INTO " + schema + ".u SELECT g, g FROM generate_series(1, 2000) g");
  }

  /**
   * 100-row ranges take the one-pass diff; one range of all 6 000 rows is split by the narrower.
   */
  @ParameterizedTest
  @ValueSource(ints = {100, 100_000})
  void eachSurplusCopyAndEachNullKeyIsOneDivergence(int chunkRows) throws IOException {
    RunOutcome outcome = launch(TableSpec.of(TableRef.parse(schema + ".t")), chunkRows);
    List<String> reported = divergences(outcome);
    assertThat(reported)
        .as("chunk rows %s", chunkRows)
        .containsExactlyInAnyOrder(
            "EXTRA_ON_REPLICA {id=5} [] null {id=5, v=v5}",
            "EXTRA_ON_REPLICA {id=7} [] null {id=7, v=other}",
            "EXTRA_ON_REPLICA {id=null} [] null {id=null, v=nokey}",
            "EXTRA_ON_REPLICA {id=null} [] null {id=null, v=nokey}",
            "CHANGED {id=9} [v] {id=9, v=v9} {id=9, v=changed}",
            "MISSING_ON_REPLICA {id=11} [] {id=11, v=v11} null");
    assertThat(outcome.status()).isEqualTo(Status.DIVERGENT);
    assertThat(ExitCode.of(outcome.status()).code()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {50, 100_000})
  void aKeyEqualUnderTheReplicasCollationButStoredDifferentlyIsOneRowEachSide(int chunkRows)
      throws IOException {
    RunOutcome outcome = launch(TableSpec.of(TableRef.parse(schema + ".ci")), chunkRows);
    assertThat(divergences(outcome))
        .as("chunk rows %s: %s", chunkRows, outcome.verdict())
        .containsExactlyInAnyOrder(
            "MISSING_ON_REPLICA {k=Key5} [] {k=Key5, v=5} null",
            "EXTRA_ON_REPLICA {k=key5} [] null {k=key5, v=5}");
    assertThat(outcome.status()).isEqualTo(Status.DIVERGENT);
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 100_000})
  void aDifferenceNoRowExplainsFailsLoudlyOnACopyThatIsNotWaitedFor(int chunkRows)
      throws IOException {
    // a filter that reads other rows at every query: the hash pass and the diff see different rows,
    // as when a side is written during the run; the two servers are independent, so nothing waits
    TableSpec spec =
        new TableSpec(
            TableRef.parse(schema + ".u"), List.of(), List.of(), List.of(), "random() < 0.5");
    RunOutcome outcome = launch(spec, chunkRows);
    assertThat(outcome.status()).as(outcome.verdict()).isEqualTo(Status.FAILED);
    assertThat(ExitCode.of(outcome.status()).code()).isEqualTo(3);
    JsonNode table = summary(outcome).get("tables").get(0);
    assertThat(table.get("status").stringValue()).isEqualTo("FAILED");
    assertThat(table.get("note").stringValue())
        .contains("pgparity could not explain a difference")
        .contains("that none of the")
        .contains("please report it");
  }

  private RunOutcome launch(TableSpec spec, int chunkRows) {
    JobDefinition definition =
        new JobDefinition(
            "multiset",
            new ConnectionSpec(pair.primaryUrl(), null),
            new ConnectionSpec(pair.replicaUrl(), null),
            List.of(spec),
            new Tuning(1, chunkRows, 10_000, Duration.ofMinutes(5), Duration.ofSeconds(5)),
            out,
            null);
    return new SpringVerifyLauncher().launch(definition);
  }

  private static JsonNode summary(RunOutcome outcome) throws IOException {
    return JSON.readTree(Files.readString(outcome.runFolder().resolve("summary.json")));
  }

  /** Each divergence as "KIND {key} [columns] {primary} {replica}". */
  private static List<String> divergences(RunOutcome outcome) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(outcome.runFolder().resolve("divergences.jsonl"))) {
      if (!line.isBlank()) {
        DivergentRow row = DivergentRow.parse(JSON.readTree(line));
        lines.add(
            row.kind()
                + " "
                + text(row.key())
                + " "
                + row.columns()
                + " "
                + text(row.primary())
                + " "
                + text(row.replica()));
      }
    }
    return lines;
  }

  private static String text(Map<String, String> row) {
    return row == null ? "null" : new LinkedHashMap<>(row).toString();
  }
}
