package io.pgparity.bench;

import static io.pgparity.compare.DivergenceKind.CHANGED;
import static io.pgparity.compare.DivergenceKind.EXTRA_ON_REPLICA;
import static io.pgparity.compare.DivergenceKind.MISSING_ON_REPLICA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.compare.DivergenceKind;
import io.pgparity.table.TableRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InjectedDriftTests {

  private static final RowDivergence CHANGED_4 = RowDivergence.of(BenchTable.USERS, "4", CHANGED);
  private static final RowDivergence MISSING_6 =
      RowDivergence.of(BenchTable.USERS, "6", MISSING_ON_REPLICA);
  private static final RowDivergence EXTRA_9 =
      RowDivergence.of(BenchTable.USERS, "9", EXTRA_ON_REPLICA);
  private static final InjectedDrift INJECTED =
      InjectedDrift.of(List.of(CHANGED_4, MISSING_6, EXTRA_9));
  private static final String RUN =
      "lag-aware verify of bench.users (0.01% divergent), run folder reports/bench/1";

  @Test
  void exactlyTheInjectedRowsInAnyOrderPass() {
    assertThat(INJECTED.mistakes(List.of(EXTRA_9, CHANGED_4, MISSING_6))).isEmpty();
    assertThatCode(() -> INJECTED.requireReported(List.of(MISSING_6, EXTRA_9, CHANGED_4), RUN))
        .doesNotThrowAnyException();
  }

  @Test
  void aMissingRowFailsNamingIt() {
    assertThatThrownBy(() -> INJECTED.requireReported(List.of(CHANGED_4, EXTRA_9), RUN))
        .isInstanceOf(BenchCheckException.class)
        .hasMessage(
            RUN
                + " reported 2 divergent row(s) but 3 were injected, and not exactly those:"
                + " 1 injected but not reported: bench.users id=6 MISSING_ON_REPLICA");
  }

  @Test
  void anExtraRowFailsNamingIt() {
    RowDivergence extra = RowDivergence.of(BenchTable.USERS, "11", EXTRA_ON_REPLICA);

    assertThatThrownBy(
            () -> INJECTED.requireReported(List.of(CHANGED_4, MISSING_6, EXTRA_9, extra), RUN))
        .isInstanceOf(BenchCheckException.class)
        .hasMessageEndingWith(
            "reported 4 divergent row(s) but 3 were injected, and not exactly those:"
                + " 1 reported but not injected: bench.users id=11 EXTRA_ON_REPLICA");
  }

  @Test
  void aWrongKindFailsNamingBothKindsAndIsNeitherMissingNorExtra() {
    RowDivergence asMissing = RowDivergence.of(BenchTable.USERS, "4", MISSING_ON_REPLICA);

    // the count matches: only the kinds tell
    assertThat(INJECTED.mistakes(List.of(asMissing, MISSING_6, EXTRA_9)))
        .containsExactly(
            "1 reported with the wrong kind: bench.users id=4 reported MISSING_ON_REPLICA but injected"
                + " CHANGED");
    assertThatThrownBy(() -> INJECTED.requireReported(List.of(asMissing, MISSING_6, EXTRA_9), RUN))
        .isInstanceOf(BenchCheckException.class)
        .hasMessageContaining("bench.users id=4 reported MISSING_ON_REPLICA but injected CHANGED");
  }

  @Test
  void aDuplicateFailsEvenWhenTheCountMatches() {
    // three rows reported for three injected: a count check would pass
    assertThat(INJECTED.mistakes(List.of(CHANGED_4, CHANGED_4, EXTRA_9)))
        .containsExactly(
            "1 injected but not reported: bench.users id=6 MISSING_ON_REPLICA",
            "1 reported more than once: bench.users id=4 CHANGED 2 times");
    assertThatThrownBy(
            () -> INJECTED.requireReported(List.of(CHANGED_4, MISSING_6, EXTRA_9, EXTRA_9), RUN))
        .isInstanceOf(BenchCheckException.class)
        .hasMessageEndingWith(
            "not exactly those: 1 reported more than once: bench.users id=9 EXTRA_ON_REPLICA 2 times");
  }

  @Test
  void theSameKeyOfAnotherTableIsNotTheInjectedRow() {
    RowDivergence otherTable =
        new RowDivergence(new TableRef("bench", "sessions"), Map.of("id", "4"), CHANGED);

    assertThat(INJECTED.mistakes(List.of(otherTable, MISSING_6, EXTRA_9)))
        .containsExactly(
            "1 injected but not reported: bench.users id=4 CHANGED",
            "1 reported but not injected: bench.sessions id=4 CHANGED");
  }

  @Test
  void theIdenticalCaseFailsOnAnyReportedRow() {
    assertThat(InjectedDrift.none().mistakes(List.of())).isEmpty();
    assertThatThrownBy(
            () ->
                InjectedDrift.none()
                    .requireReported(List.of(CHANGED_4), "plain verify of bench.users"))
        .isInstanceOf(BenchCheckException.class)
        .hasMessage(
            "plain verify of bench.users reported 1 divergent row(s) but 0 were injected, and not exactly"
                + " those: 1 reported but not injected: bench.users id=4 CHANGED");
  }

  @Test
  void aLongListNamesTheFirstRowsAndCountsTheRest() {
    List<RowDivergence> injected =
        IntStream.rangeClosed(1, 13)
            .mapToObj(i -> RowDivergence.of(BenchTable.USERS, "" + 2 * i, CHANGED))
            .toList();

    assertThat(InjectedDrift.of(injected).mistakes(List.of()))
        .containsExactly(
            "13 injected but not reported: bench.users id=2 CHANGED, bench.users id=4 CHANGED,"
                + " bench.users id=6 CHANGED, bench.users id=8 CHANGED, bench.users id=10 CHANGED, bench.users id=12"
                + " CHANGED, bench.users id=14 CHANGED, bench.users id=16 CHANGED, bench.users id=18 CHANGED,"
                + " bench.users id=20 CHANGED, and 3 more");
  }

  @Test
  void aDriftCannotTouchARowTwiceOrWithTwoKinds() {
    assertThatThrownBy(() -> InjectedDrift.of(List.of(CHANGED_4, CHANGED_4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("touched a row twice: [bench.users id=4 CHANGED 2 times]");
    assertThatThrownBy(
            () ->
                InjectedDrift.of(
                    List.of(
                        CHANGED_4, RowDivergence.of(BenchTable.USERS, "4", MISSING_ON_REPLICA))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one kind only");
  }

  /**
   * Any change to the reported multiset of an exact report is found: dropped, added, re-kinded or
   * repeated.
   */
  @Test
  void everyPerturbationOfAnExactReportIsFound() {
    long seed = System.nanoTime();
    System.out.println("InjectedDriftTests seed: " + seed);
    Random random = new Random(seed);
    DivergenceKind[] kinds = DivergenceKind.values();
    for (int trial = 0; trial < 500; trial++) {
      int size = 1 + random.nextInt(30);
      List<RowDivergence> rows = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        rows.add(
            RowDivergence.of(BenchTable.SESSIONS, "k" + i, kinds[random.nextInt(kinds.length)]));
      }
      InjectedDrift injected = InjectedDrift.of(rows);
      List<RowDivergence> reported = new ArrayList<>(rows);
      Collections.shuffle(reported, random);
      assertThat(injected.mistakes(reported)).as("seed %s trial %s exact", seed, trial).isEmpty();
      int victim = random.nextInt(size);
      RowDivergence row = reported.get(victim);
      switch (random.nextInt(4)) {
        case 0 -> reported.remove(victim);
        case 1 -> reported.add(RowDivergence.of(BenchTable.SESSIONS, "new" + trial, row.kind()));
        case 2 ->
            reported.set(
                victim,
                RowDivergence.of(
                    BenchTable.SESSIONS,
                    row.key().get("id"),
                    kinds[(row.kind().ordinal() + 1) % 3]));
        default -> reported.add(random.nextInt(reported.size() + 1), row);
      }
      assertThat(injected.mistakes(reported))
          .as("seed %s trial %s perturbed: %s", seed, trial, reported)
          .hasSize(1);
    }
  }
}
