package io.pgparity.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TableProgressTests {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void reportsShareRateAndTimeLeft() {
    TableProgress progress = new TableProgress("public.users", 1_000_000);
    progress.hashed(100_000, 0);
    progress.hashed(200_000, 2 * SECOND);

    assertThat(progress.line(3 * SECOND))
        .isEqualTo(
            "public.users: 300000 of about 1000000 rows hashed (30%), 100000 rows/s, about 7 s left");
    assertThat(progress.started()).isTrue();
    assertThat(progress.done()).isFalse();
  }

  @Test
  void anEstimateThatWasTooLowNeverShowsMoreThan99Percent() {
    TableProgress progress = new TableProgress("t", 100);
    progress.hashed(150, 0);

    assertThat(progress.line(SECOND)).contains("(99%)").contains("about 0 s left");
    assertThat(progress.done()).isTrue();
  }

  @Test
  void withoutAnEstimateItCountsRowsOnly() {
    TableProgress progress = new TableProgress("t", 0);
    assertThat(progress.started()).isFalse();
    progress.hashed(50, 0);

    assertThat(progress.line(SECOND)).isEqualTo("t: 50 rows hashed, 50 rows/s");
  }

  @Test
  void timeLeftReadsNaturally() {
    assertThat(TableProgress.eta(Duration.ofSeconds(42))).isEqualTo("42 s");
    assertThat(TableProgress.eta(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
    assertThat(TableProgress.eta(Duration.ofSeconds(7_380))).isEqualTo("2 h 3 min");
  }

  @Test
  void theIntervalComesFromTheEnvironmentOrTheDefault() {
    assertThat(ProgressLog.interval("5")).isEqualTo(Duration.ofSeconds(5));
    assertThat(ProgressLog.interval(null)).isEqualTo(ProgressLog.DEFAULT_INTERVAL);
    assertThat(ProgressLog.interval("0")).isEqualTo(ProgressLog.DEFAULT_INTERVAL);
    assertThat(ProgressLog.interval("soon")).isEqualTo(ProgressLog.DEFAULT_INTERVAL);
  }
}
