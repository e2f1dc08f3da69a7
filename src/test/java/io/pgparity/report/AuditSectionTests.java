package io.pgparity.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.audit.AuditReport;
import io.pgparity.audit.Finding;
import io.pgparity.audit.FindingKind;
import io.pgparity.audit.ReplicationState;
import io.pgparity.audit.SettingValue;
import io.pgparity.connect.Both;
import io.pgparity.verdict.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The replication audit in summary.json, report.md, report.html and the verdict line. */
class AuditSectionTests {

  @TempDir Path dir;

  static AuditReport withFindings() {
    ReplicationState state =
        new ReplicationState(
            List.of(
                new ReplicationState.Sender(
                    "sub_auth", "streaming", "async", null, null, "00:00:00.002")),
            List.of(new ReplicationState.Slot("old_slot", "logical", false, 4_096L)),
            false,
            null,
            List.of(new ReplicationState.Subscription("sub_auth", true, "2026-11-25 12:00:00+00")));
    return new AuditReport(
        Map.of("synchronous_commit", "remote_apply"),
        Map.of("synchronous_commit", new SettingValue("remote_apply", "", "remote_apply")),
        Map.of("synchronous_commit", new SettingValue("local", "", "local")),
        state,
        List.of(
            new Finding(
                FindingKind.UNEXPECTED_SETTING,
                "replica",
                "synchronous_commit",
                "remote_apply",
                "local",
                "synchronous_commit is local on the replica but the job expects remote_apply"),
            new Finding(
                FindingKind.INACTIVE_SLOT,
                "primary",
                "old_slot",
                "active",
                "inactive",
                "logical slot old_slot is inactive and retains 4096 bytes of WAL; drop it")),
        List.of(
            "pg_stat_replication's state is hidden from role checker on the primary; GRANT pg_monitor TO checker"));
  }

  private static RunResult run(Status status, AuditReport audit) {
    RunResult base =
        ReportFixtures.run(
            status,
            List.of(
                ReportFixtures.table(
                    ReportFixtures.USERS, status, 0, 0, status == Status.DIVERGENT ? 1 : 0)));
    return new RunResult(
        base.run(),
        base.runFolder(),
        base.status(),
        base.startedAt(),
        base.finishedAt(),
        new Both<>(null, null),
        base.tables(),
        null,
        RunResult.Sharding.NONE,
        null,
        audit);
  }

  @Test
  void summaryJsonCarriesTheAuditJsonTreeWithFindingsErrorsAndState() throws Exception {
    Path file = dir.resolve("summary.json");
    new SummaryJsonWriter().write(run(Status.CONSISTENT, withFindings()), file);

    JsonNode audit = JsonMapper.builder().build().readTree(file.toFile()).get("audit");

    assertThat(audit.get("status").asText()).isEqualTo("FINDINGS");
    assertThat(audit.get("findings")).hasSize(2);
    JsonNode first = audit.get("findings").get(0);
    assertThat(first.get("kind").asText()).isEqualTo("UNEXPECTED_SETTING");
    assertThat(first.get("side").asText()).isEqualTo("replica");
    assertThat(first.get("subject").asText()).isEqualTo("synchronous_commit");
    assertThat(first.get("expected").asText()).isEqualTo("remote_apply");
    assertThat(first.get("actual").asText()).isEqualTo("local");
    assertThat(audit.get("errors").get(0).asText()).contains("GRANT pg_monitor");
    assertThat(audit.get("replication").get("slots").get(0).get("name").asText())
        .isEqualTo("old_slot");
    assertThat(audit.get("settings").get("synchronous_commit").get("replica").asText())
        .isEqualTo("local");
    // one format: the same tree audit.json has
    assertThat(audit.toString()).isEqualTo(withFindings().json().toString());
  }

  @Test
  void anUnreadableAuditIsAnErrorWithoutFindingsOrState() throws Exception {
    Path file = dir.resolve("summary.json");
    AuditReport unreadable =
        AuditReport.unreadable(
            Map.of(),
            "audit: reading pg_settings failed: permission denied;"
                + " the audit role needs pg_monitor");
    new SummaryJsonWriter().write(run(Status.CONSISTENT, unreadable), file);

    JsonNode audit = JsonMapper.builder().build().readTree(file.toFile()).get("audit");

    assertThat(audit.get("status").asText()).isEqualTo("ERROR");
    assertThat(audit.get("findings")).isEmpty();
    assertThat(audit.get("errors").get(0).asText()).contains("pg_monitor");
    assertThat(audit.get("replication").isNull()).isTrue();
    assertThat(Verdict.line(run(Status.CONSISTENT, unreadable))).startsWith("CONSISTENT: 1 table");
  }

  @Test
  void markdownAndHtmlHaveAReplicationAuditSection() {
    RunResult r = run(Status.CONSISTENT, withFindings());

    String md = MarkdownReportWriter.render(r, List.of());
    String html = HtmlReportWriter.render(r, List.of());

    assertThat(md)
        .contains("## Replication audit\n\n2 finding(s); with consistent data the exit code is 6.")
        .contains("| UNEXPECTED_SETTING | replica | synchronous_commit | remote_apply | local |")
        .contains("- Slot old_slot (logical): inactive, retains 4096 bytes of WAL")
        .contains("GRANT pg_monitor TO checker")
        .contains("| synchronous_commit | remote_apply | remote_apply | local |");
    assertThat(html)
        .contains("<section id=\"audit\" data-status=\"FINDINGS\">")
        .contains("<h2>Replication audit</h2>")
        .contains("<td>INACTIVE_SLOT</td><td>primary</td><td>old_slot</td>")
        .contains("GRANT pg_monitor TO checker");
    // the audit is among what the run found: after the tables that differ, before the overview
    assertThat(md.indexOf("## Replication audit"))
        .isGreaterThan(md.indexOf("## Tables with differences"))
        .isLessThan(md.indexOf("## Schemas"));
  }

  @Test
  void aRunWithoutAuditHasNoSection() {
    RunResult r = run(Status.CONSISTENT, null);

    assertThat(MarkdownReportWriter.render(r, List.of())).doesNotContain("Replication audit");
    assertThat(HtmlReportWriter.render(r, List.of())).doesNotContain("id=\"audit\"");
  }

  @Test
  void theVerdictNamesAuditFindingsNextToConsistentAndAfterOtherFindings() {
    String consistent = Verdict.line(run(Status.CONSISTENT, withFindings()));
    String divergent = Verdict.line(run(Status.DIVERGENT, withFindings()));

    assertThat(consistent)
        .startsWith(
            "CONSISTENT (2 audit findings: UNEXPECTED_SETTING synchronous_commit on the"
                + " replica, INACTIVE_SLOT old_slot on the primary): 1 table, 10 rows compared, 0 divergent")
        .endsWith("; report: " + Path.of("reports/auth/20261125T120000Z-1a2b"));
    assertThat(divergent)
        .startsWith("DIVERGENT: 1 divergent row in 1 of 1 table")
        .contains("; 2 audit findings: UNEXPECTED_SETTING")
        .endsWith("; report: " + Path.of("reports/auth/20261125T120000Z-1a2b"));
  }

  @Test
  void theVerdictNamesAtMostThreeFindings() {
    AuditReport many = withFindings();
    List<Finding> five =
        java.util.stream.IntStream.range(0, 5)
            .mapToObj(
                i ->
                    new Finding(
                        FindingKind.INACTIVE_SLOT,
                        "primary",
                        "slot" + i,
                        "active",
                        "inactive",
                        "slot" + i + " is inactive"))
            .toList();
    AuditReport report =
        new AuditReport(
            many.expected(),
            many.primarySettings(),
            many.replicaSettings(),
            many.replication(),
            five);

    assertThat(Verdict.line(run(Status.CONSISTENT, report)))
        .startsWith(
            "CONSISTENT (5 audit findings: INACTIVE_SLOT slot0 on the primary, INACTIVE_SLOT slot1 on the"
                + " primary, INACTIVE_SLOT slot2 on the primary and 2 more): ");
  }

  @Test
  void writeAllPutsTheAuditInEveryReportFile() throws Exception {
    Path folder = dir.resolve("run");
    Files.createDirectories(folder);
    RunResult base = run(Status.CONSISTENT, withFindings());
    RunResult r =
        new RunResult(
            base.run(),
            folder,
            base.status(),
            base.startedAt(),
            base.finishedAt(),
            base.servers(),
            base.tables(),
            null,
            RunResult.Sharding.NONE,
            null,
            base.audit());

    new ReportWriter().writeAll(r, List.of());

    assertThat(Files.readString(folder.resolve("summary.json"), UTF_8)).contains("\"audit\": {");
    assertThat(Files.readString(folder.resolve("report.md"), UTF_8))
        .contains("## Replication audit");
    assertThat(Files.readString(folder.resolve("report.html"), UTF_8))
        .contains("<h2>Replication audit</h2>");
  }
}
