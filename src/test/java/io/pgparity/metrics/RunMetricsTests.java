package io.pgparity.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.finding.FindingSeverity;
import io.pgparity.finding.ObjectKind;
import io.pgparity.finding.SchemaFinding;
import io.pgparity.report.RunResult;
import io.pgparity.sequence.SequenceResult;
import io.pgparity.sequence.SequenceStatus;
import io.pgparity.table.LeftOutReason;
import io.pgparity.table.LeftOutTable;
import io.pgparity.table.TableRef;
import io.pgparity.verdict.Status;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunMetricsTests {

  /** Each sample line of Prometheus text, series to value. */
  static Map<String, Double> samples(String text) {
    Map<String, Double> samples = new LinkedHashMap<>();
    text.lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .forEach(
            line -> {
              int space = line.lastIndexOf(' ');
              samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            });
    return samples;
  }

  @Test
  void rendersEveryMetricWithJobAndTableLabels() {
    String text =
        RunMetrics.of(MetricsFixtures.run(Status.DIVERGENT), MetricsFixtures.FINISHED).text();
    Map<String, Double> samples = samples(text);

    String users = "pgparity_job=\"auth\",table=\"public.users\"";
    assertThat(samples)
        .containsEntry("pgparity_rows_compared{" + users + "}", 200_000.0)
        .containsEntry(
            "pgparity_rows_compared{pgparity_job=\"auth\",table=\"audit.log_entries\"}", 150_000.0)
        .containsEntry("pgparity_divergent_rows{kind=\"missing\"," + users + "}", 5.0)
        .containsEntry("pgparity_divergent_rows{kind=\"extra\"," + users + "}", 2.0)
        .containsEntry("pgparity_divergent_rows{kind=\"changed\"," + users + "}", 3.0)
        .containsEntry(
            "pgparity_divergent_rows{kind=\"changed\",pgparity_job=\"auth\",table=\"audit.log_entries\"}",
            0.0)
        .containsEntry("pgparity_unstable_rows{" + users + "}", 4.0)
        .containsEntry("pgparity_converged_rows{" + users + "}", 12.0)
        .containsEntry("pgparity_run_duration_seconds{pgparity_job=\"auth\"}", 12.5)
        .containsEntry("pgparity_replica_lag_max_bytes{pgparity_job=\"auth\"}", 81_920.0)
        .containsEntry(
            "pgparity_last_run_timestamp_seconds{pgparity_job=\"auth\"}", 1_795_608_012.5)
        .containsEntry(
            "pgparity_last_success_timestamp_seconds{pgparity_job=\"auth\"}", 1_795_608_012.5)
        .containsEntry("pgparity_status{pgparity_job=\"auth\",status=\"DIVERGENT\"}", 1.0)
        .containsEntry("pgparity_status{pgparity_job=\"auth\",status=\"CONSISTENT\"}", 0.0)
        .containsEntry("pgparity_status{pgparity_job=\"auth\",status=\"INCOMPLETE\"}", 0.0)
        .containsEntry("pgparity_status{pgparity_job=\"auth\",status=\"FAILED\"}", 0.0)
        .containsEntry("pgparity_tables_compared{pgparity_job=\"auth\"}", 2.0)
        .containsEntry("pgparity_tables_diverged{pgparity_job=\"auth\"}", 1.0)
        .containsEntry("pgparity_tables_left_out{pgparity_job=\"auth\"}", 0.0)
        .containsEntry("pgparity_tables_done{pgparity_job=\"auth\"}", 2.0)
        .containsEntry(
            "pgparity_schema_findings{pgparity_job=\"auth\",severity=\"DIVERGENT\"}", 0.0)
        .containsEntry("pgparity_sequences_divergent{pgparity_job=\"auth\"}", 0.0)
        .hasSize(2 + 6 + 2 + 2 + 1 + 1 + 1 + 1 + 4 + 4 + 2 + 2);
    assertThat(text)
        .contains("# TYPE pgparity_divergent_rows gauge")
        .contains("# HELP pgparity_last_success_timestamp_seconds")
        // Prometheus and the Pushgateway own the label job
        .doesNotContainPattern("[{,]job=")
        .doesNotContain("# EOF");
  }

  @Test
  void countsTablesLeftOutSchemaFindingsAndSequencesOfTheWholeDatabase() {
    RunResult base = MetricsFixtures.run(Status.DIVERGENT);
    TableRef cache = new TableRef("public", "cache");
    RunResult r =
        new RunResult(
            base.run(),
            base.runFolder(),
            Status.DIVERGENT,
            base.startedAt(),
            base.finishedAt(),
            base.servers(),
            base.tables(),
            base.replication(),
            base.sharding(),
            null,
            null,
            List.of(
                new LeftOutTable(cache, LeftOutReason.UNLOGGED, null),
                new LeftOutTable(new TableRef("x", "y"), LeftOutReason.EXCLUDED, "x.*")),
            List.of(
                new SchemaFinding(
                    new TableRef("audit", "log_entries"),
                    ObjectKind.TRIGGER,
                    "stamp",
                    FindingSeverity.DIVERGENT,
                    "the replica lacks trigger stamp"),
                new SchemaFinding(
                    null, ObjectKind.EXTENSION, "pg_trgm", FindingSeverity.ADVISORY, "1.6 vs 1.5"),
                new SchemaFinding(
                    null, ObjectKind.ENUM_TYPE, "mood", FindingSeverity.ADVISORY, "label order")),
            List.of(
                new SequenceResult(
                    new TableRef("public", "s"),
                    9L,
                    3L,
                    null,
                    null,
                    null,
                    SequenceStatus.REPLICA_BEHIND),
                new SequenceResult(
                    new TableRef("public", "t"), 9L, 9L, null, null, null, SequenceStatus.SAME)),
            null);

    Map<String, Double> samples = samples(RunMetrics.of(r, null).text());

    assertThat(samples)
        .containsEntry("pgparity_tables_compared{pgparity_job=\"auth\"}", 2.0)
        // log_entries has no divergent row, but a schema finding of its own
        .containsEntry("pgparity_tables_diverged{pgparity_job=\"auth\"}", 2.0)
        .containsEntry("pgparity_tables_left_out{pgparity_job=\"auth\"}", 2.0)
        .containsEntry(
            "pgparity_schema_findings{pgparity_job=\"auth\",severity=\"DIVERGENT\"}", 1.0)
        .containsEntry("pgparity_schema_findings{pgparity_job=\"auth\",severity=\"ADVISORY\"}", 2.0)
        .containsEntry("pgparity_sequences_compared{pgparity_job=\"auth\"}", 2.0)
        .containsEntry("pgparity_sequences_divergent{pgparity_job=\"auth\"}", 1.0);
  }

  @Test
  void noLastSuccessLineWhenNoneIsKnown() {
    Map<String, Double> samples =
        samples(RunMetrics.of(MetricsFixtures.run(Status.INCOMPLETE), null).text());

    assertThat(samples.keySet()).noneMatch(s -> s.startsWith("pgparity_last_success"));
    assertThat(samples)
        .containsEntry("pgparity_status{pgparity_job=\"auth\",status=\"INCOMPLETE\"}", 1.0);
  }

  @Test
  void aFailureBeforeTheRunFolderHasStatusAndDurationOnly() {
    Instant lastSuccess = Instant.parse("2026-11-24T12:00:00Z");
    Map<String, Double> samples =
        samples(
            RunMetrics.failedBeforeStart(
                    "auth",
                    MetricsFixtures.STARTED,
                    MetricsFixtures.STARTED.plusSeconds(3),
                    lastSuccess)
                .text());

    assertThat(samples)
        .containsEntry("pgparity_status{pgparity_job=\"auth\",status=\"FAILED\"}", 1.0)
        .containsEntry("pgparity_run_duration_seconds{pgparity_job=\"auth\"}", 3.0)
        .containsEntry(
            "pgparity_last_success_timestamp_seconds{pgparity_job=\"auth\"}",
            (double) lastSuccess.getEpochSecond());
    assertThat(samples.keySet()).noneMatch(s -> s.contains("table="));
  }

  @Test
  void successMeansEveryRowWasJudged() {
    assertThat(RunMetrics.success(Status.CONSISTENT)).isTrue();
    assertThat(RunMetrics.success(Status.DIVERGENT)).isTrue();
    assertThat(RunMetrics.success(Status.INCOMPLETE)).isFalse();
    assertThat(RunMetrics.success(Status.FAILED)).isFalse();
  }
}
