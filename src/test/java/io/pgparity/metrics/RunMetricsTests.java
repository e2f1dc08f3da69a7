package io.pgparity.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.verdict.Status;
import java.time.Instant;
import java.util.LinkedHashMap;
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
        .hasSize(2 + 6 + 2 + 2 + 1 + 1 + 1 + 1 + 4);
    assertThat(text)
        .contains("# TYPE pgparity_divergent_rows gauge")
        .contains("# HELP pgparity_last_success_timestamp_seconds")
        // Prometheus and the Pushgateway own the label job
        .doesNotContainPattern("[{,]job=")
        .doesNotContain("# EOF");
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
