package io.pgparity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchArithmeticTests {

  @Test
  void theMedianOfAnOddCountIsTheMiddleValue() {
    assertThat(Medians.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Medians.median(List.of(7.5))).isEqualTo(7.5);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Medians.median(List.of(4.0, 1.0, 3.0, 10.0))).isEqualTo(3.5);
  }

  @Test
  void theRatioIsTheMedianOfPerRoundRatiosNotTheRatioOfMedians() {
    // per round: 2/1 = 2, 9/3 = 3, 20/2 = 10; median 3, whereas median 9 / median 2 would be 4.5
    List<Double> verify = List.of(2.0, 9.0, 20.0);
    List<Double> floor = List.of(1.0, 3.0, 2.0);

    assertThat(Medians.medianRatio(verify, floor)).isEqualTo(3.0);
  }

  @Test
  void ratiosNeedMatchingRoundsAndPositiveFloors() {
    assertThatThrownBy(() -> Medians.medianRatio(List.of(1.0, 2.0), List.of(1.0)))
        .hasMessageContaining("got 2 and 1");
    assertThatThrownBy(() -> Medians.medianRatio(List.of(1.0), List.of(0.0)))
        .hasMessageContaining("round 1");
    assertThatThrownBy(() -> Medians.median(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCaseReportsMediansAndPerRoundRatiosForJobAndProcess() {
    CaseResult result =
        new CaseResult(
            BenchTable.USERS,
            200_000,
            BenchCase.IDENTICAL,
            List.of(0.5, 0.4),
            List.of(1.0, 1.2),
            List.of(0.7, 0.9),
            List.of(2.5, 2.0),
            64L * 1024 * 1024,
            List.of(),
            List.of());

    assertThat(result.floorSeconds()).isCloseTo(0.45, within(1e-9));
    assertThat(result.jobSeconds()).isCloseTo(1.1, within(1e-9));
    assertThat(result.jobRatio()).isCloseTo((2.0 + 3.0) / 2, within(1e-9));
    assertThat(result.hashDiffSeconds()).isCloseTo(0.8, within(1e-9));
    assertThat(result.processSeconds()).isCloseTo(2.25, within(1e-9));
    assertThat(result.processRatio()).isCloseTo((5.0 + 5.0) / 2, within(1e-9));
  }

  @Test
  void theMarkdownTableHasOneLinePerCaseWithTheLabelledColumns() {
    CaseResult result =
        new CaseResult(
            BenchTable.SESSIONS,
            200_000,
            BenchCase.DIVERGENT,
            List.of(0.5),
            List.of(1.0),
            List.of(0.75),
            List.of(3.0),
            100L << 20,
            List.of(0.8),
            List.of(2.4));

    assertThat(BenchReport.markdown(List.of(result)))
        .isEqualTo(
            BenchReport.HEADER
                + "\n"
                + BenchReport.RULE
                + "\n"
                + "| 200,000 | bench.sessions | 0.01% divergent | 0.50 | 3.00 | 6.00 | 1.00 | 2.00 | - | -"
                + " | 15.00 | 0.75 | 100 | 2.40 | 1.25 | 0.80 | 1.25 |\n"
                + "\nLag-aware over plain verify on the idle linked replica, largest over the cases: 1.25 (job),"
                + " 1.25 (process); target: under 1.10, not met.\n");
    assertThat(BenchReport.HEADER)
        .contains("verify (job) s", "of which hash+diff s", "verify (process) s");
    assertThat(BenchReport.HEADER.chars().filter(c -> c == '|').count())
        .isEqualTo(BenchReport.RULE.chars().filter(c -> c == '|').count());
  }

  @Test
  void theDriftIsOneRowInTenThousandAtLeastOneSpreadOverTheRows() {
    DriftPlan small = DriftPlan.of(1_000);
    assertThat(small.total()).isEqualTo(1);
    assertThat(small.updates()).containsExactly(501L);

    DriftPlan plan = DriftPlan.of(200_000);
    assertThat(plan.total()).isEqualTo(20);
    assertThat(plan.updates()).hasSize(7).startsWith(5_001L);
    assertThat(plan.deletes()).hasSize(7).startsWith(15_001L);
    assertThat(plan.inserts()).hasSize(6).startsWith(25_001L);
    assertThat(plan.deletes()).last().isEqualTo(195_001L);

    DriftPlan large = DriftPlan.of(10_000_000);
    assertThat(large.total()).isEqualTo(1_000);
    assertThat(large.updates().stream().distinct().count()).isEqualTo(large.updates().size());
    assertThat(large.deletes()).allMatch(n -> n >= 1 && n <= 10_000_000);
  }

  @Test
  void theDriftNumbersBecomeABigintArrayLiteral() {
    assertThat(DriftPlan.array(List.of(5_001L, 15_001L))).isEqualTo("'{5001,15001}'::bigint[]");
  }
}
