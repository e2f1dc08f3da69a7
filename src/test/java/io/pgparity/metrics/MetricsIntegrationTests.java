package io.pgparity.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.MetricsTargets;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real verify run writes its metrics file; a later failed run keeps the last success. */
class MetricsIntegrationTests {

  private static String schema;
  private static EmbeddedPair pair;

  @TempDir Path out;

  @BeforeAll
  static void createTable() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("metrics");
    String s = "\"" + schema + "\"";
    pair.execBoth(
        "CREATE TABLE "
            + s
            + ".items (id int PRIMARY KEY, v text);"
            + "INSERT INTO "
            + s
            + ".items SELECT i, 'v' || i FROM generate_series(1, 300) i;");
    TestServers.exec(
        pair.replica(),
        "UPDATE "
            + s
            + ".items SET v = 'x' WHERE id IN (7, 8);"
            + "DELETE FROM "
            + s
            + ".items WHERE id = 9");
  }

  @AfterAll
  static void dropTable() {
    TestServers.dropSchema(schema);
  }

  private JobDefinition job(String primaryUrl, Path file) {
    return new JobDefinition(
            "metered",
            new ConnectionSpec(primaryUrl, null),
            new ConnectionSpec(pair.replicaUrl(), null),
            List.of(TableSpec.of(new TableRef(schema, "items"))),
            Tuning.defaults(),
            out,
            null)
        .withMetrics(new MetricsTargets(file, null));
  }

  @Test
  void aDivergentRunThenAFailedOneKeepTheLastSuccess() throws IOException {
    Path file = Files.createDirectories(out.resolve("textfile")).resolve("pgparity-metered.prom");
    String table = "pgparity_job=\"metered\",table=\"" + schema + ".items\"";

    RunOutcome divergent = new SpringVerifyLauncher().launch(job(pair.primaryUrl(), file));

    assertThat(divergent.status()).isEqualTo(Status.DIVERGENT);
    Map<String, Double> first = RunMetricsTests.samples(Files.readString(file));
    assertThat(first)
        .containsEntry("pgparity_rows_compared{" + table + "}", 300.0)
        .containsEntry("pgparity_divergent_rows{kind=\"changed\"," + table + "}", 2.0)
        .containsEntry("pgparity_divergent_rows{kind=\"missing\"," + table + "}", 1.0)
        .containsEntry("pgparity_divergent_rows{kind=\"extra\"," + table + "}", 0.0)
        .containsEntry("pgparity_status{pgparity_job=\"metered\",status=\"DIVERGENT\"}", 1.0)
        .containsKey("pgparity_replica_lag_max_bytes{pgparity_job=\"metered\"}");
    Double lastSuccess =
        first.get("pgparity_last_success_timestamp_seconds{pgparity_job=\"metered\"}");
    assertThat(lastSuccess)
        .isEqualTo(first.get("pgparity_last_run_timestamp_seconds{pgparity_job=\"metered\"}"));

    RunOutcome failed =
        new SpringVerifyLauncher()
            .launch(
                job("jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&connectTimeout=2", file));

    assertThat(failed.status()).isEqualTo(Status.FAILED);
    Map<String, Double> second = RunMetricsTests.samples(Files.readString(file));
    assertThat(second)
        .containsEntry("pgparity_status{pgparity_job=\"metered\",status=\"FAILED\"}", 1.0)
        .containsEntry("pgparity_status{pgparity_job=\"metered\",status=\"DIVERGENT\"}", 0.0)
        .containsEntry(
            "pgparity_last_success_timestamp_seconds{pgparity_job=\"metered\"}", lastSuccess);
    assertThat(second.keySet()).noneMatch(k -> k.contains("table="));
  }
}
