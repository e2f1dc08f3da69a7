package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.TableRef;
import io.pgparity.config.ConnectionSpec;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.report.Status;
import io.pgparity.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A diff pass too slow for the statement timeout is run again over halves of its ranges, and
 * still finds exactly the divergent rows. A where filter that sleeps 20 ms per row makes each
 * query's cost grow with the rows it reads, whatever the machine's speed: three mismatched ranges
 * of ten rows need 600 ms in one pass, over the 500 ms timeout; one range needs 200 ms.
 */
class DiffTimeoutIntegrationTests {

  private final EmbeddedPair servers = TestServers.pair();
  private String schema;

  @TempDir Path out;

  @BeforeEach
  void createTable() {
    schema = TestServers.uniqueSchema("diff_timeout");
    servers.execBoth("CREATE TABLE " + schema + ".slow (id int PRIMARY KEY, v text);"
        + " INSERT INTO " + schema + ".slow SELECT g, 'v' || g FROM generate_series(1, 60) g;"
        + " ANALYZE " + schema + ".slow");
    TestServers.exec(servers.replica(), "UPDATE " + schema + ".slow SET v = 'drift' WHERE id IN (5, 25, 45)");
  }

  @AfterEach
  void dropTable() {
    TestServers.dropSchema(schema);
  }

  @Test
  void aDiffPassThatTimesOutIsSplitAndStillExact() throws Exception {
    TableSpec slow = new TableSpec(
        TableRef.parse(schema + ".slow"), List.of(), List.of(), List.of(), "pg_sleep(0.02) IS NOT NULL");
    JobDefinition definition = new JobDefinition(
        "timeout",
        new ConnectionSpec(servers.primaryUrl(), null),
        new ConnectionSpec(servers.replicaUrl(), null),
        List.of(slow),
        new Tuning(1, 10, 10_000, Duration.ofMillis(500), Duration.ofSeconds(5)),
        out,
        null);

    RunOutcome outcome = new SpringVerifyLauncher().launch(definition);

    assertThat(outcome.status()).as(outcome.verdict()).isEqualTo(Status.DIVERGENT);
    List<String> keys = Files.readAllLines(outcome.runFolder().resolve("divergences.jsonl")).stream()
        .map(line -> JsonMapper.builder().build().readTree(line).get("key").get("id").stringValue())
        .toList();
    assertThat(keys).containsExactlyInAnyOrder("5", "25", "45");
  }
}
