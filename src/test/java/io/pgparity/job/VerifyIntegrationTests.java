package io.pgparity.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.ConfigException;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.TableRef;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The verify job end to end on real servers: verdicts, schema findings, filters and the divergence
 * cap.
 */
class VerifyIntegrationTests {

  private static String schema;
  private static EmbeddedPair pair;

  @TempDir Path out;

  @BeforeAll
  static void createTables() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("verify");
    String s = "\"" + schema + "\"";
    pair.execBoth(
        "CREATE TABLE "
            + s
            + ".accounts (id bigint PRIMARY KEY, name text, balance numeric(10,2), note text);"
            + "INSERT INTO "
            + s
            + ".accounts SELECT i, 'n' || i, i / 3.0, CASE WHEN i % 2 = 0 THEN 'even' END"
            + " FROM generate_series(1, 5000) i;"
            + "CREATE TABLE "
            + s
            + ".pairs (a int NOT NULL, b text NOT NULL, v text, PRIMARY KEY (a, b));"
            + "INSERT INTO "
            + s
            + ".pairs SELECT i % 50, 'k' || i, 'v' || i FROM generate_series(1, 3000) i;"
            + "CREATE TABLE "
            + s
            + ".nokey (a int, b text);"
            + "CREATE TABLE "
            + s
            + ".unique_email (id int, email text NOT NULL UNIQUE, v int);"
            + "INSERT INTO "
            + s
            + ".unique_email SELECT NULL, 'e' || i, i FROM generate_series(1, 100) i;"
            + "CREATE TABLE "
            + s
            + ".tokens (id uuid PRIMARY KEY, v int);"
            + "INSERT INTO "
            + s
            + ".tokens SELECT md5('t' || i)::uuid, i FROM generate_series(1, 20000) i;"
            + "ANALYZE "
            + s
            + ".tokens;"
            + "CREATE TABLE "
            + s
            + ".wide (id int PRIMARY KEY, a text, b text);"
            + "INSERT INTO "
            + s
            + ".wide SELECT i, 'a', 'b' FROM generate_series(1, 100) i;");
    TestServers.exec(pair.primary(), "CREATE TABLE " + s + ".only_primary (id int PRIMARY KEY)");
    TestServers.exec(pair.replica(), "ALTER TABLE " + s + ".wide DROP COLUMN b, ADD COLUMN c int");
    TestServers.exec(
        pair.replica(),
        "UPDATE "
            + s
            + ".accounts SET note = 'odd' WHERE id = 7;"
            + "DELETE FROM "
            + s
            + ".accounts WHERE id IN (10, 4000);"
            + "INSERT INTO "
            + s
            + ".accounts VALUES (0, 'zero', 0, NULL), (999999, 'big', 1, NULL);"
            + "UPDATE "
            + s
            + ".accounts SET balance = balance + 0.01, name = 'renamed' WHERE id = 2500;"
            + "UPDATE "
            + s
            + ".pairs SET v = NULL WHERE a = 3 AND b = 'k3';"
            + "DELETE FROM "
            + s
            + ".pairs WHERE a = 49 AND b = 'k2999';"
            + "UPDATE "
            + s
            + ".tokens SET v = -v WHERE v % 100 = 0;"
            + "DELETE FROM "
            + s
            + ".tokens WHERE v % 1000 = 1;");
  }

  @AfterAll
  static void dropTables() {
    TestServers.dropSchema(schema);
  }

  @Test
  void identicalTablesAreConsistentWithExitStatusZero() {
    RunOutcome outcome = launch(List.of(spec("accounts", null)), 100, 10_000, "id BETWEEN 1 AND 6");
    assertThat(outcome.status()).isEqualTo(Status.CONSISTENT);
    assertThat(outcome.verdict()).startsWith("CONSISTENT");
    JsonNode table = RunFiles.table(outcome.runFolder(), schema + ".accounts");
    assertThat(table.get("rowsPrimary").asLong()).isEqualTo(6);
    assertThat(RunFiles.divergences(outcome.runFolder())).isEmpty();
  }

  @Test
  void findsEveryMissingExtraAndChangedRowExactly() throws Exception {
    RunOutcome outcome =
        launch(List.of(spec("accounts", null), spec("pairs", null)), 100, 10_000, null);
    assertThat(outcome.status()).isEqualTo(Status.DIVERGENT);
    List<String> found =
        RunFiles.divergences(outcome.runFolder()).stream()
            .map(
                d ->
                    d.get("table").asText()
                        + " "
                        + d.get("key")
                        + " "
                        + d.get("kind").asText()
                        + " "
                        + d.get("columns"))
            .sorted()
            .toList();
    String a = schema + ".accounts";
    String p = schema + ".pairs";
    assertThat(found)
        .containsExactlyInAnyOrder(
            a + " {\"id\":\"7\"} CHANGED [\"note\"]",
            a + " {\"id\":\"10\"} MISSING_ON_REPLICA []",
            a + " {\"id\":\"4000\"} MISSING_ON_REPLICA []",
            a + " {\"id\":\"0\"} EXTRA_ON_REPLICA []",
            a + " {\"id\":\"999999\"} EXTRA_ON_REPLICA []",
            a + " {\"id\":\"2500\"} CHANGED [\"name\",\"balance\"]",
            p + " {\"a\":\"3\",\"b\":\"k3\"} CHANGED [\"v\"]",
            p + " {\"a\":\"49\",\"b\":\"k2999\"} MISSING_ON_REPLICA []");
    JsonNode accounts = RunFiles.table(outcome.runFolder(), a);
    assertThat(accounts.get("missingOnReplica").asLong()).isEqualTo(2);
    assertThat(accounts.get("extraOnReplica").asLong()).isEqualTo(2);
    assertThat(accounts.get("changed").asLong()).isEqualTo(2);
    assertThat(accounts.get("rowsPrimary").asLong()).isEqualTo(5000);
    assertThat(accounts.get("rowsReplica").asLong()).isEqualTo(5000);
    assertThat(accounts.get("ranges").asInt()).isGreaterThan(10);
    JsonNode changed =
        RunFiles.divergences(outcome.runFolder()).stream()
            .filter(
                d ->
                    d.get("key").get("id") != null
                        && d.get("key").get("id").asText().equals("2500"))
            .findFirst()
            .orElseThrow();
    assertThat(changed.get("primary").get("balance").asText()).isEqualTo("833.33");
    assertThat(changed.get("replica").get("balance").asText()).isEqualTo("833.34");
    // small ranges, diffed in one bitmap pass: each divergent row counted in its range of
    // report.html's strip
    String strip = strip(outcome.runFolder(), a);
    assertThat(strip).contains("data-divergent=\"6\"");
    List<String> cells =
        Pattern.compile("<rect class=\"cell (\\w+)\"")
            .matcher(strip)
            .results()
            .map(m -> m.group(1))
            .toList();
    assertThat(cells)
        .hasSize(accounts.get("ranges").asInt())
        .startsWith("divergent")
        .endsWith("divergent");
    assertThat(strip(outcome.runFolder(), p)).contains("data-divergent=\"2\"");
  }

  @Test
  void manyMismatchedRangesOfARandomKeyAreDiffedInOneSequentialPassAndExactly() throws Exception {
    // 200 changed and 20 missing rows spread over a uuid key: most ranges mismatch, far more than
    // 1/200 of the rows, so the diff reads each side once instead of by index ranges
    RunOutcome outcome = launch(List.of(spec("tokens", null)), 100, 10_000, null);
    List<JsonNode> divergences = RunFiles.divergences(outcome.runFolder());
    assertThat(divergences).hasSize(220);
    assertThat(divergences.stream().filter(d -> d.get("kind").asText().equals("CHANGED")))
        .hasSize(200)
        .allSatisfy(d -> assertThat(d.get("columns").toString()).isEqualTo("[\"v\"]"))
        .allSatisfy(
            d -> assertThat(Integer.parseInt(d.get("primary").get("v").asText()) % 100).isZero());
    assertThat(
            divergences.stream().filter(d -> d.get("kind").asText().equals("MISSING_ON_REPLICA")))
        .hasSize(20)
        .allSatisfy(
            d ->
                assertThat(Integer.parseInt(d.get("primary").get("v").asText()) % 1000)
                    .isEqualTo(1));
    assertThat(strip(outcome.runFolder(), schema + ".tokens")).contains("data-divergent=\"220\"");
  }

  @Test
  void aRangeLargerThanTheLeafIsSplitAndStillExact() throws Exception {
    RunOutcome outcome = launch(List.of(spec("accounts", null)), 10_000, 10_000, null);
    assertThat(outcome.status()).isEqualTo(Status.DIVERGENT);
    assertThat(RunFiles.table(outcome.runFolder(), schema + ".accounts").get("ranges").asInt())
        .isEqualTo(1);
    assertThat(RunFiles.divergences(outcome.runFolder())).hasSize(6);
    assertThat(strip(outcome.runFolder(), schema + ".accounts"))
        .contains("data-cells=\"1\" data-ranges=\"1\" data-mismatched=\"1\" data-divergent=\"6\"");
  }

  @Test
  void stopsAtMaxDivergencesAndSaysIncomplete() {
    RunOutcome outcome = launch(List.of(spec("accounts", null)), 100, 3, null);
    assertThat(outcome.status()).isEqualTo(Status.INCOMPLETE);
    assertThat(RunFiles.divergences(outcome.runFolder())).hasSize(3);
    JsonNode table = RunFiles.table(outcome.runFolder(), schema + ".accounts");
    assertThat(table.get("status").asText()).isEqualTo("INCOMPLETE");
    assertThat(table.get("note").asText()).contains("max-divergences");
  }

  @Test
  void ignoredColumnsAndFiltersApplyOnBothSides() {
    TableSpec spec =
        new TableSpec(
            TableRef.parse(schema + ".accounts"),
            List.of(),
            List.of(),
            List.of("note"),
            "id BETWEEN 1 AND 3000");
    RunOutcome outcome = launch(List.of(spec), 100, 10_000, null);
    assertThat(RunFiles.divergences(outcome.runFolder()))
        .extracting(d -> d.get("key").get("id").asText() + " " + d.get("kind").asText())
        .containsExactlyInAnyOrder("10 MISSING_ON_REPLICA", "2500 CHANGED");
    assertThat(RunFiles.table(outcome.runFolder(), schema + ".accounts").get("columns").toString())
        .isEqualTo("[\"id\",\"name\",\"balance\"]");
  }

  @Test
  void aUniqueIndexOverNotNullColumnsServesAsKey() {
    RunOutcome outcome = launch(List.of(spec("unique_email", null)), 100, 10_000, null);
    assertThat(outcome.status()).isEqualTo(Status.CONSISTENT);
    assertThat(RunFiles.table(outcome.runFolder(), schema + ".unique_email").get("key").toString())
        .isEqualTo("[\"email\"]");
  }

  @Test
  void schemaDifferencesAreFindingsNotCrashes() {
    RunOutcome outcome =
        launch(List.of(spec("wide", null), spec("only_primary", null)), 100, 10_000, null);
    assertThat(outcome.status()).isEqualTo(Status.DIVERGENT);
    JsonNode wide = RunFiles.table(outcome.runFolder(), schema + ".wide");
    assertThat(wide.get("columns").toString()).isEqualTo("[\"id\",\"a\"]");
    assertThat(wide.get("schemaFindings").toString())
        .contains("column b is missing on the replica")
        .contains("column c exists on the replica only");
    JsonNode onlyPrimary = RunFiles.table(outcome.runFolder(), schema + ".only_primary");
    assertThat(onlyPrimary.get("schemaFindings").get(0).asText())
        .contains("exists on the primary only");
    assertThat(onlyPrimary.get("status").asText()).isEqualTo("DIVERGENT");
  }

  @Test
  void anUnknownTableIsAConfigurationErrorAndLeavesNoRunFolder() {
    assertThatThrownBy(() -> launch(List.of(spec("no_such_table", null)), 100, 10_000, null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(schema + ".no_such_table: no such table");
    assertThat(runFolders()).isEmpty();
  }

  @Test
  void aTableWithoutUsableKeyIsComparedAsAMultisetOfWholeRows() {
    // before keyless tables were compared this was a configuration error (exit 2)
    RunOutcome outcome = launch(List.of(spec("nokey", null)), 100, 10_000, null);
    assertThat(outcome.status()).isEqualTo(Status.CONSISTENT);
    JsonNode table = RunFiles.table(outcome.runFolder(), schema + ".nokey");
    assertThat(table.get("key").toString()).contains("pgparity_row_hash");
  }

  @Test
  void anUnreachableServerFailsWithOneLineAndTheRemedy() {
    JobDefinition definition =
        new JobDefinition(
            "unreachable",
            new ConnectionSpec(
                "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&connectTimeout=2", null),
            new ConnectionSpec(pair.replicaUrl(), null),
            List.of(spec("accounts", null)),
            Tuning.defaults(),
            out,
            null);
    RunOutcome outcome = new SpringVerifyLauncher().launch(definition);
    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.verdict())
        .contains("cannot connect to the primary 127.0.0.1:1")
        .contains("check the host and port");
    assertThat(outcome.verdict()).doesNotContain("\n");
  }

  private RunOutcome launch(
      List<TableSpec> tables, int chunkRows, int maxDivergences, String where) {
    List<TableSpec> specs =
        where == null
            ? tables
            : tables.stream()
                .map(t -> new TableSpec(t.table(), t.key(), t.columns(), t.ignoreColumns(), where))
                .toList();
    JobDefinition definition =
        new JobDefinition(
            "it",
            new ConnectionSpec(pair.primaryUrl(), null),
            new ConnectionSpec(pair.replicaUrl(), null),
            specs,
            new Tuning(2, chunkRows, maxDivergences, Duration.ofMinutes(1), Duration.ofSeconds(5)),
            out,
            null);
    return new SpringVerifyLauncher().launch(definition);
  }

  private static TableSpec spec(String table, List<String> key) {
    return new TableSpec(
        TableRef.parse(schema + "." + table),
        key == null ? List.of() : key,
        List.of(),
        List.of(),
        null);
  }

  /** report.html's key-space strip of one table (schema.table). */
  private static String strip(Path runFolder, String table) throws java.io.IOException {
    String html = Files.readString(runFolder.resolve("report.html"));
    Matcher figure =
        Pattern.compile(
                "<figure class=\"strip\" data-table=\"" + Pattern.quote(table) + "\".*?</figure>",
                Pattern.DOTALL)
            .matcher(html);
    assertThat(figure.find()).as("report.html shows a strip for %s", table).isTrue();
    return figure.group();
  }

  private List<Path> runFolders() {
    try (Stream<Path> files = Files.walk(out)) {
      return files
          .filter(p -> p.getFileName().toString().matches("\\d{8}T\\d{6}Z-[0-9a-f]{4}"))
          .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
