package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.ConfigException;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.LiveTuning;
import io.pgparity.config.Settle;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settle window: rows the application wrote within it are read again and, if still recent,
 * reported unstable (the table INCOMPLETE), never divergent; older rows are judged as usual.
 */
class SettleWindowIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static EmbeddedPair pair;
  private static String schema;
  private static String table;

  @TempDir Path out;

  @BeforeAll
  static void createTables() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("settle");
    table = SqlIdentifier.quote(schema) + ".events";
    // two independent copies: no replication link, so nothing converges by itself
    pair.execBoth(
        "CREATE TABLE "
            + table
            + " (id bigint PRIMARY KEY, body text, note text, updated_at timestamptz NOT NULL)");
    // the same instants on both sides: now() would differ between them
    Instant recent = Instant.now();
    Instant old = recent.minus(Duration.ofHours(1));
    pair.execBoth(
        "INSERT INTO "
            + table
            + " SELECT g, 'body ' || g, 'n', '"
            + old
            + "' FROM generate_series(1, 190) g");
    pair.execBoth(
        "INSERT INTO "
            + table
            + " SELECT g, 'body ' || g, 'n', '"
            + recent
            + "' FROM generate_series(191, 200) g");
    // drift on the replica: two settled rows and two recent ones
    TestServers.exec(
        pair.replica(), "UPDATE " + table + " SET body = 'drift' WHERE id IN (5, 6, 195, 196)");
  }

  @AfterAll
  static void dropTables() {
    TestServers.dropSchema(schema);
  }

  @Test
  void recentRowsAreUnstableNotDivergent() throws Exception {
    RunOutcome outcome = launch(new Settle("updated_at", Duration.ofMinutes(5)));

    assertThat(outcome.status()).isEqualTo(Status.INCOMPLETE);
    JsonNode result =
        JSON.readTree(Files.readString(outcome.runFolder().resolve("summary.json")))
            .get("tables")
            .get(0);
    assertThat(result.get("changed").asLong()).isEqualTo(2);
    assertThat(result.get("unstable").asLong()).isEqualTo(2);
    assertThat(result.get("note").stringValue())
        .contains("2 rows changed on the primary at every recheck");
    assertThat(keys(outcome, "divergences.jsonl")).containsExactlyInAnyOrder("5", "6");
    List<String> rechecked = Files.readAllLines(outcome.runFolder().resolve("rechecks.jsonl"));
    assertThat(rechecked).hasSize(2).allMatch(line -> line.contains("\"outcome\":\"UNSTABLE\""));
    assertThat(keys(outcome, "rechecks.jsonl")).containsExactlyInAnyOrder("195", "196");
  }

  @Test
  void withoutAWindowEveryDriftIsDivergent() throws Exception {
    RunOutcome outcome = launch(null);

    assertThat(outcome.status()).isEqualTo(Status.DIVERGENT);
    assertThat(keys(outcome, "divergences.jsonl"))
        .containsExactlyInAnyOrder("5", "6", "195", "196");
  }

  @Test
  void aSettleColumnThatIsNotATimeIsAConfigurationError() {
    assertThatThrownBy(() -> launch(new Settle("body", Duration.ofMinutes(5))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("settle-column names 'body' of type text")
        .hasMessageContaining("such as updated_at");
    assertThatThrownBy(() -> launch(new Settle("changed_at", Duration.ofMinutes(5))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("settle-column names column 'changed_at', which does not exist");
  }

  private RunOutcome launch(Settle settle) {
    TableSpec spec =
        new TableSpec(
            TableRef.parse(schema + ".events"), List.of(), List.of(), List.of(), null, settle);
    LiveTuning live =
        new LiveTuning(true, Duration.ofSeconds(30), 0, 1, Duration.ofMillis(100), 0, 1);
    JobDefinition definition =
        new JobDefinition(
            "settle",
            new ConnectionSpec(pair.primaryUrl(), null),
            new ConnectionSpec(pair.replicaUrl(), null),
            List.of(spec),
            new Tuning(2, 50, 10_000, Duration.ofMinutes(1), Duration.ofSeconds(5), live),
            out,
            null);
    return new SpringVerifyLauncher().launch(definition);
  }

  private static List<String> keys(RunOutcome outcome, String file) throws Exception {
    return Files.readAllLines(outcome.runFolder().resolve(file)).stream()
        .filter(line -> !line.isBlank())
        .map(line -> JSON.readTree(line).get("key").get("id").stringValue())
        .toList();
  }
}
