package io.pgparity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pgparity.config.LiveTuning;
import io.pgparity.config.Tuning;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagComparisonTests {

  @Test
  void lagAwareIsTheDefaultTuningAndPlainDiffersOnlyInLagAwareness() {
    Tuning defaults = Tuning.defaults();
    LiveTuning live = defaults.live();

    assertThat(VerifyMode.LAG_AWARE.tuning()).isEqualTo(defaults);
    assertThat(VerifyMode.LAG_AWARE.tuning().live().lagAware()).isTrue();
    assertThat(VerifyMode.PLAIN.tuning())
        .isEqualTo(
            new Tuning(
                defaults.threads(),
                defaults.chunkRows(),
                defaults.maxDivergences(),
                defaults.statementTimeout(),
                defaults.lockTimeout(),
                new LiveTuning(
                    false,
                    live.maxWait(),
                    live.maxLagBytes(),
                    live.rechecks(),
                    live.recheckDelay(),
                    live.rowsPerSecond(),
                    live.retries())));
  }

  @Test
  void roundsAlternateWhichModeRunsFirst() {
    assertThat(VerifyMode.order(1, true)).containsExactly(VerifyMode.PLAIN, VerifyMode.LAG_AWARE);
    assertThat(VerifyMode.order(2, true)).containsExactly(VerifyMode.LAG_AWARE, VerifyMode.PLAIN);
    assertThat(VerifyMode.order(3, true)).containsExactly(VerifyMode.PLAIN, VerifyMode.LAG_AWARE);
    assertThat(VerifyMode.order(1, false)).containsExactly(VerifyMode.LAG_AWARE);
    assertThat(VerifyMode.order(2, false)).containsExactly(VerifyMode.LAG_AWARE);
    assertThatThrownBy(() -> VerifyMode.order(0, true)).hasMessageContaining("got 0");
  }

  @Test
  void theLagRatioIsTheMedianOfPerRoundRatiosOverThePlainRun() {
    // job per round: 1.1, 1.2 and 0.9, median 1.1
    CaseResult result =
        compared(
            List.of(1.1, 2.4, 0.9),
            List.of(1.0, 2.0, 1.0),
            List.of(3.0, 2.0, 9.0),
            List.of(2.0, 1.0, 3.0));

    assertThat(result.compared()).isTrue();
    assertThat(result.plainJobSeconds()).isCloseTo(1.0, within(1e-9));
    assertThat(result.lagJobRatio()).isCloseTo(1.1, within(1e-9));
    assertThat(result.plainProcessSeconds()).isCloseTo(2.0, within(1e-9));
    // per round 1.5, 2.0, 3.0: median 2.0, whereas median 3.0 / median 2.0 would be 1.5
    assertThat(result.lagProcessRatio()).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void theFloorRatiosStayThoseOfTheLagAwareRun() {
    CaseResult result = compared(List.of(2.0), List.of(1.0), List.of(4.0), List.of(3.0));

    assertThat(result.jobSeconds()).isEqualTo(2.0);
    assertThat(result.jobRatio()).isCloseTo(2.0 / 0.5, within(1e-9));
    assertThat(result.processRatio()).isCloseTo(4.0 / 0.5, within(1e-9));
  }

  @Test
  void aCaseBuiltFromRoundsTakesTheHeapPeakOfTheLagAwareRuns() {
    List<TimedVerify.Round> lagAware =
        List.of(
            new TimedVerify.Round(2.0, job(1.0), 0.8, 50L << 20),
            new TimedVerify.Round(2.2, job(1.2), 0.9, 70L << 20));
    List<TimedVerify.Round> plain =
        List.of(
            new TimedVerify.Round(1.9, job(0.9), 0.7, 90L << 20),
            new TimedVerify.Round(2.1, job(1.1), 0.8, 10L << 20));

    CaseResult result =
        CaseResult.of(
            BenchTable.USERS, 1_000, BenchCase.DIVERGENT, List.of(0.5, 0.6), lagAware, plain);

    assertThat(result.job()).containsExactly(1.0, 1.2);
    assertThat(result.hashDiff()).containsExactly(0.8, 0.9);
    assertThat(result.process()).containsExactly(2.0, 2.2);
    assertThat(result.plainJob()).containsExactly(0.9, 1.1);
    assertThat(result.plainProcess()).containsExactly(1.9, 2.1);
    assertThat(result.peakHeapBytes()).isEqualTo(70L << 20);
  }

  @Test
  void withoutThePlainRunTheLagFiguresAreDashesAndThereIsNoOverheadLine() {
    CaseResult skipped =
        new CaseResult(
            BenchTable.USERS,
            1_000,
            BenchCase.IDENTICAL,
            List.of(0.5),
            List.of(1.0),
            List.of(0.5),
            List.of(2.0),
            1L << 20,
            List.of(),
            List.of());

    assertThat(skipped.compared()).isFalse();
    assertThatThrownBy(skipped::lagJobRatio)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("--no-lag-compare");
    assertThat(BenchReport.markdown(List.of(skipped)))
        .endsWith(
            "| 1,000 | bench.users | identical | 0.50 | 2.00 | 4.00 | 1.00 | 2.00 | - | - | 2000.00"
                + " | 0.50 | 1 | - | - | - | - |\n");
    assertThat(BenchReport.lagOverhead(List.of(skipped))).isEmpty();
  }

  @Test
  void theOverheadLineTakesTheLargestCaseRatioAgainstTheTarget() {
    CaseResult small = compared(List.of(1.05), List.of(1.0), List.of(2.02), List.of(2.0));
    CaseResult larger = compared(List.of(1.08), List.of(1.0), List.of(2.0), List.of(2.0));

    assertThat(BenchReport.lagOverhead(List.of(small, larger)))
        .isEqualTo(
            "\nLag-aware over plain verify on the idle linked replica, largest over the cases: 1.08 (job),"
                + " 1.01 (process); target: under 1.10, met.\n");
    CaseResult slowStart = compared(List.of(1.0), List.of(1.0), List.of(2.3), List.of(2.0));
    assertThat(BenchReport.lagOverhead(List.of(small, slowStart)))
        .contains("1.05 (job), 1.15 (process)", "not met");
  }

  @Test
  void plainRunsMustCoverEveryRoundOrNone() {
    assertThatThrownBy(
            () ->
                new CaseResult(
                    BenchTable.USERS,
                    1_000,
                    BenchCase.IDENTICAL,
                    List.of(0.5, 0.5),
                    List.of(1.0, 1.0),
                    List.of(0.5, 0.5),
                    List.of(2.0, 2.0),
                    0,
                    List.of(1.0),
                    List.of(2.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "plain runs must be skipped or timed in all 2 rounds but got 1 job and 1 process times");
  }

  private static JobClock.JobTime job(double seconds) {
    return new JobClock.JobTime(seconds, List.of(new JobClock.StepTime("hashRanges", seconds)));
  }

  private static CaseResult compared(
      List<Double> job, List<Double> plainJob, List<Double> process, List<Double> plainProcess) {
    List<Double> floor = job.stream().map(x -> 0.5).toList();
    return new CaseResult(
        BenchTable.USERS,
        1_000,
        BenchCase.IDENTICAL,
        floor,
        job,
        floor,
        process,
        1L << 20,
        plainJob,
        plainProcess);
  }
}
