package io.pgparity.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.cli.JobDefinitionFactory;
import io.pgparity.cli.VerifyCommand;
import io.pgparity.config.JobFileLoader;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The replication audit inside verify, on the shared logical pair with a subscription of the test's
 * own: a healthy pair has no finding and exits 0; an unmet expect: or settings that differ between
 * the sides are findings in summary.json, report.md and the metrics, and exit 6 while the data is
 * consistent; a role without pg_monitor leaves an audit error, never a failed data check.
 */
class VerifyAuditIntegrationTests {

  private static EmbeddedPair pair;
  private static String schema;
  private static String publication;

  /** A superuser whose sessions on the replica default to another isolation level. */
  private static String isolated;

  /** A role that may read the table but lacks pg_monitor. */
  private static String monitorless;

  @TempDir Path dir;

  @BeforeAll
  static void replicateOneTable() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("verify_audit");
    publication = "pub_" + schema;
    isolated = schema + "_isolated";
    monitorless = schema + "_monitorless";
    String table = SqlIdentifier.quote(schema) + ".items";
    pair.execBoth("CREATE TABLE " + table + " (id bigint PRIMARY KEY, label text)");
    TestServers.exec(
        pair.primary(),
        "INSERT INTO " + table + " SELECT g, 'item ' || g FROM generate_series(1, 300) g");
    pair.replicate(publication, schema + ".items");
    pair.execBoth(
        "DROP ROLE IF EXISTS "
            + isolated
            + "; CREATE ROLE "
            + isolated
            + " LOGIN SUPERUSER;"
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
    // a role-level default, seen by that role's sessions only: the other tests sharing the replica
    // are unaffected
    TestServers.exec(
        pair.replica(),
        "ALTER ROLE " + isolated + " SET default_transaction_isolation = 'repeatable read'");
  }

  @AfterAll
  static void dropAll() {
    try {
      pair.dropReplication(publication);
    } finally {
      TestServers.dropSchema(schema);
      pair.execBoth("DROP ROLE IF EXISTS " + isolated + "; DROP ROLE IF EXISTS " + monitorless);
    }
  }

  @Test
  void aHealthyPairHasNoFindingsAndExitsZero() throws Exception {
    Verified run = verify(job(""), "postgres");

    assertThat(run.code).as(run.text()).isZero();
    assertThat(run.verdict()).startsWith("CONSISTENT: 1 table, 300 rows compared");
    JsonNode audit = RunFiles.summary(run.folder()).get("audit");
    assertThat(audit.get("status").asText()).as(run.text()).isEqualTo("OK");
    assertThat(audit.get("findings")).as(audit.toString()).isEmpty();
    assertThat(audit.get("errors")).as(audit.toString()).isEmpty();
    assertThat(audit.get("replication").get("subscriptions").findValuesAsString("name"))
        .contains(publication);
    assertThat(audit.get("replication").get("slots").findValuesAsString("name"))
        .contains(publication);
    assertThat(Files.readString(run.folder().resolve("report.md")))
        .contains("## Replication audit\n\nNo findings.");
  }

  @Test
  void anUnmetExpectIsAFindingInTheReportsAndMetricsAndExitsSix() throws Exception {
    Path metrics = dir.resolve("audit.prom");
    Verified run =
        verify(
            job("expect: {synchronous_commit: remote_apply}\nmetrics-file: " + metrics + "\n"),
            "postgres");

    assertThat(run.code).as(run.text()).isEqualTo(6);
    assertThat(run.verdict())
        .startsWith(
            "CONSISTENT (2 audit findings: UNEXPECTED_SETTING synchronous_commit on the"
                + " primary, UNEXPECTED_SETTING synchronous_commit on the replica): 1 table, 300 rows compared");
    JsonNode summary = RunFiles.summary(run.folder());
    assertThat(summary.get("status").asText()).isEqualTo("CONSISTENT");
    JsonNode audit = summary.get("audit");
    assertThat(audit.get("status").asText()).isEqualTo("FINDINGS");
    assertThat(audit.get("findings"))
        .hasSize(2)
        .allSatisfy(
            f -> {
              assertThat(f.get("kind").asText()).isEqualTo("UNEXPECTED_SETTING");
              assertThat(f.get("subject").asText()).isEqualTo("synchronous_commit");
              assertThat(f.get("expected").asText()).isEqualTo("remote_apply");
              assertThat(f.get("actual").asText()).isNotEqualTo("remote_apply");
            });
    assertThat(audit.get("findings").findValuesAsString("side"))
        .containsExactlyInAnyOrder("primary", "replica");
    assertThat(audit.get("settings").get("synchronous_commit").get("expected").asText())
        .isEqualTo("remote_apply");
    assertThat(Files.readString(run.folder().resolve("report.md")))
        .contains("## Replication audit\n\n2 finding(s); with consistent data the exit code is 6.");
    assertThat(Files.readString(run.folder().resolve("report.html")))
        .contains("<h2>Replication audit</h2>");
    assertThat(Files.readString(metrics))
        .contains("pgparity_audit_findings{kind=\"UNEXPECTED_SETTING\",pgparity_job=\"audit\"} 2.0")
        .contains("pgparity_audit_findings{kind=\"SETTINGS_DISAGREE\",pgparity_job=\"audit\"} 0.0");
  }

  @Test
  void aReplicaWhoseIsolationDiffersFromThePrimarysIsAFinding() throws Exception {
    Verified run = verify(job(""), isolated);

    assertThat(run.code).as(run.text()).isEqualTo(6);
    JsonNode findings = RunFiles.summary(run.folder()).get("audit").get("findings");
    assertThat(findings)
        .as(findings.toString())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("kind").asText()).isEqualTo("SETTINGS_DISAGREE");
              assertThat(f.get("side").asText()).isEqualTo("both");
              assertThat(f.get("subject").asText()).isEqualTo("default_transaction_isolation");
              assertThat(f.get("expected").asText()).isEqualTo("read committed");
              assertThat(f.get("actual").asText()).isEqualTo("repeatable read");
            });
  }

  @Test
  void aRoleWithoutPgMonitorLeavesAnAuditErrorAndTheDataCheckGoesOn() throws Exception {
    Verified run = verify(job(""), monitorless);

    assertThat(run.code).as(run.text()).isZero();
    assertThat(run.verdict()).startsWith("CONSISTENT: 1 table, 300 rows compared");
    JsonNode audit = RunFiles.summary(run.folder()).get("audit");
    assertThat(audit.get("findings")).as(audit.toString()).isEmpty();
    assertThat(audit.get("errors").get(0).asText())
        .as(audit.toString())
        .contains(
            "hidden from role " + monitorless + " on the primary",
            "GRANT pg_monitor TO \"" + monitorless + "\"");
    assertThat(Files.readString(run.folder().resolve("report.md")))
        .contains("GRANT pg_monitor TO \"" + monitorless);
  }

  private Path job(String extra) throws Exception {
    return Files.writeString(
        dir.resolve("audit.yaml"),
        "name: audit\n"
            + "primary: { url: '${PRIMARY}' }\n"
            + "replica: { url: '${REPLICA}' }\n"
            + "tables: ["
            + schema
            + ".items]\n"
            + "out: "
            + dir.resolve("out")
            + "\n"
            + extra);
  }

  private Verified verify(Path job, String role) {
    Map<String, String> env =
        Map.of(
            "PRIMARY",
            pair.primaryUrl().replace("user=postgres", "user=" + role),
            "REPLICA",
            pair.replicaUrl().replace("user=postgres", "user=" + role));
    VerifyCommand command =
        new VerifyCommand(
            new SpringVerifyLauncher(),
            new JobDefinitionFactory(
                new JobFileLoader(), env, new PasswordResolver(Map.of(), dir)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        command.run(
            List.of("--job", job.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Verified(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** One in-process verify: its exit code, stdout (verdict last) and stderr. */
  private record Verified(int code, String out, String err) {

    String verdict() {
      List<String> lines = out.strip().lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    Path folder() {
      String verdict = verdict();
      return Path.of(verdict.substring(verdict.lastIndexOf("; report: ") + "; report: ".length()));
    }

    String text() {
      return "exit " + code + "\n" + out + err;
    }
  }
}
