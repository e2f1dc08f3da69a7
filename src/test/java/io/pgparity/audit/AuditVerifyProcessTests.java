package io.pgparity.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.testing.PgParityProcess;
import io.pgparity.testing.PgParityProcess.Result;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar's verify with its replication audit: consistent data and an expect: the servers
 * do not meet exit 6 with the finding in the verdict and summary.json; a role without pg_monitor
 * gets a WARN with the remedy and the data check's own exit code. The table is replicated, so the
 * primary has a walsender to audit.
 */
class AuditVerifyProcessTests {

  private static EmbeddedPair pair;
  private static String schema;
  private static String monitorless;
  private static String publication;

  @TempDir Path dir;

  @BeforeAll
  static void createTable() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("audit_process");
    monitorless = schema + "_monitorless";
    String table = SqlIdentifier.quote(schema) + ".items";
    pair.execBoth(
        "CREATE TABLE "
            + table
            + " (id int PRIMARY KEY, label text);"
            + "INSERT INTO "
            + table
            + " SELECT g, 'item ' || g FROM generate_series(1, 40) g;"
            + "DROP ROLE IF EXISTS "
            + monitorless
            + "; CREATE ROLE "
            + monitorless
            + " LOGIN;"
            + "GRANT USAGE ON SCHEMA "
            + SqlIdentifier.quote(schema)
            + " TO "
            + monitorless
            + ";"
            + "GRANT SELECT ON "
            + table
            + " TO "
            + monitorless);
    // a live subscription: its walsender's state is what a role without pg_monitor cannot see
    publication = "pub_" + schema;
    pair.replicateExisting(publication, schema + ".items");
  }

  @AfterAll
  static void dropTable() {
    try {
      pair.dropReplication(publication);
    } finally {
      TestServers.dropSchema(schema);
      pair.execBoth("DROP ROLE IF EXISTS " + monitorless);
    }
  }

  @Test
  void consistentDataWithAnUnmetExpectExitsSixAndSaysWhy() throws Exception {
    Files.writeString(
        dir.resolve("job.yaml"),
        "name: audited\n"
            + "primary: { url: '"
            + pair.primaryUrl()
            + "' }\n"
            + "replica: { url: '"
            + pair.replicaUrl()
            + "' }\n"
            + "tables: ["
            + schema
            + ".items]\n"
            + "out: out\n"
            + "expect: {synchronous_commit: remote_apply}\n");

    Result r =
        PgParityProcess.in(dir)
            .withTimeout(Duration.ofMinutes(2))
            .run("verify", "--job", "job.yaml");

    assertThat(r.exitCode()).as("%s", r).isEqualTo(6);
    assertThat(r.lastLine())
        .as("%s", r)
        .startsWith(
            "CONSISTENT (2 audit findings: UNEXPECTED_SETTING synchronous_commit on the primary,"
                + " UNEXPECTED_SETTING synchronous_commit on the replica): 1 table, 40 rows compared, 0 divergent");
    assertThat(r.stderr())
        .as("%s", r)
        .contains("WARN")
        .contains("Replication audit: 2 audit findings");
    Path folder = dir.resolve(r.lastLine().substring(r.lastLine().lastIndexOf("; report: ") + 10));
    JsonNode summary = RunFiles.summary(folder);
    assertThat(summary.get("status").asText()).isEqualTo("CONSISTENT");
    assertThat(summary.get("audit").get("status").asText()).isEqualTo("FINDINGS");
    assertThat(summary.get("audit").get("findings").findValuesAsString("expected"))
        .containsOnly("remote_apply");
  }

  @Test
  void aRoleWithoutPgMonitorIsWarnedWithTheRemedyAndTheDataDecidesTheExitCode() {
    String role = "user=" + monitorless;
    Result r =
        PgParityProcess.in(dir)
            .withTimeout(Duration.ofMinutes(2))
            .withEnv(Map.of("PGPARITY_PROGRESS", "off"))
            .run(
                "verify",
                "--primary",
                pair.primaryUrl().replace("user=postgres", role),
                "--replica",
                pair.replicaUrl().replace("user=postgres", role),
                "--table",
                schema + ".items",
                "--out",
                "out");

    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.lastLine()).as("%s", r).startsWith("CONSISTENT: 1 table, 40 rows compared");
    assertThat(r.stderrLines())
        .as("%s", r)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("WARN")
                    .contains("hidden from role " + monitorless)
                    .contains("GRANT pg_monitor TO"));
    JsonNode audit =
        RunFiles.summary(
                dir.resolve(r.lastLine().substring(r.lastLine().lastIndexOf("; report: ") + 10)))
            .get("audit");
    assertThat(audit.get("status").asText()).isEqualTo("OK");
    assertThat(audit.get("errors").get(0).asText()).contains("GRANT pg_monitor TO");
  }
}
