package io.pgparity.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.audit.AuditReport;
import io.pgparity.audit.Finding;
import io.pgparity.audit.FindingKind;
import io.pgparity.audit.ReplicationState;
import io.pgparity.report.RunResult;
import io.pgparity.verdict.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The replication audit's gauges: findings by kind, every kind present, and what could not be read.
 */
class AuditMetricsTests {

  private static RunResult withAudit(AuditReport audit) {
    RunResult r = MetricsFixtures.run(Status.CONSISTENT);
    return new RunResult(
        r.run(),
        r.runFolder(),
        r.status(),
        r.startedAt(),
        r.finishedAt(),
        r.servers(),
        r.tables(),
        r.replication(),
        RunResult.Sharding.NONE,
        null,
        audit);
  }

  @Test
  void findingsAreCountedByKindWithZerosForTheOtherKinds() {
    List<Finding> findings =
        List.of(
            new Finding(
                FindingKind.UNEXPECTED_SETTING,
                "primary",
                "synchronous_commit",
                "remote_apply",
                "on",
                "m"),
            new Finding(
                FindingKind.UNEXPECTED_SETTING,
                "replica",
                "synchronous_commit",
                "remote_apply",
                "on",
                "m"),
            new Finding(
                FindingKind.SUBSCRIPTION_DISABLED, "replica", "sub", "enabled", "disabled", "m"));
    AuditReport audit =
        new AuditReport(
            Map.of(),
            Map.of(),
            Map.of(),
            new ReplicationState(List.of(), List.of(), false, null, List.of()),
            findings);

    Map<String, Double> samples =
        RunMetricsTests.samples(RunMetrics.of(withAudit(audit), MetricsFixtures.FINISHED).text());

    String job = "pgparity_job=\"auth\"";
    assertThat(samples)
        .containsEntry("pgparity_audit_findings{kind=\"UNEXPECTED_SETTING\"," + job + "}", 2.0)
        .containsEntry("pgparity_audit_findings{kind=\"SUBSCRIPTION_DISABLED\"," + job + "}", 1.0)
        .containsEntry("pgparity_audit_findings{kind=\"INACTIVE_SLOT\"," + job + "}", 0.0)
        .containsEntry("pgparity_audit_errors{" + job + "}", 0.0);
    assertThat(samples.keySet().stream().filter(s -> s.startsWith("pgparity_audit_findings{")))
        .hasSize(FindingKind.values().length);
  }

  @Test
  void anUnreadableAuditIsAnErrorAndNoFinding() {
    Map<String, Double> samples =
        RunMetricsTests.samples(
            RunMetrics.of(
                    withAudit(AuditReport.unreadable(Map.of(), "permission denied")),
                    MetricsFixtures.FINISHED)
                .text());

    assertThat(samples)
        .containsEntry("pgparity_audit_errors{pgparity_job=\"auth\"}", 1.0)
        .containsEntry(
            "pgparity_audit_findings{kind=\"UNEXPECTED_SETTING\",pgparity_job=\"auth\"}", 0.0);
  }

  @Test
  void aRunWithoutAuditHasNoAuditSeries() {
    assertThat(
            RunMetrics.of(MetricsFixtures.run(Status.CONSISTENT), MetricsFixtures.FINISHED).text())
        .doesNotContain("pgparity_audit");
  }
}
