package io.pgparity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.compare.DivergenceKind;
import io.pgparity.table.TableRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** pg_comparator's output read as findings and checked against the injected drift. */
class PgComparatorTests {

  private static final TableRef USERS = BenchTable.USERS.in(BenchOptions.SERVER_SCHEMA);

  @Test
  void itsThreeVerbsMapToTheKindsFromThePrimarysSide() {
    List<RowDivergence> rows = PgComparator.findings("UPDATE 4\nINSERT 6\nDELETE 9\n", USERS);

    assertThat(rows)
        .containsExactly(
            RowDivergence.of(USERS, "4", DivergenceKind.CHANGED),
            RowDivergence.of(USERS, "6", DivergenceKind.MISSING_ON_REPLICA),
            RowDivergence.of(USERS, "9", DivergenceKind.EXTRA_ON_REPLICA));
  }

  @Test
  void aLineItCannotReadFailsTheBench() {
    assertThatThrownBy(() -> PgComparator.findings("UPDATE 4\nWARNING: something\n", USERS))
        .isInstanceOf(BenchCheckException.class)
        .hasMessageContaining("WARNING: something");
    assertThatThrownBy(() -> PgComparator.findings("DELETE\n", USERS))
        .isInstanceOf(BenchCheckException.class)
        .hasMessageContaining("not UPDATE, INSERT or DELETE of a key: DELETE");
  }

  @Test
  void nothingOnIdenticalTablesPassesAndAnyFindingFails() {
    PgComparator.check("", USERS, BenchCase.IDENTICAL, InjectedDrift.none());

    assertThatThrownBy(
            () ->
                PgComparator.check("UPDATE 2\n", USERS, BenchCase.IDENTICAL, InjectedDrift.none()))
        .isInstanceOf(BenchCheckException.class)
        .hasMessageContaining("pg_comparator of pgparity_bench.users (identical)")
        .hasMessageContaining("1 reported but not injected: pgparity_bench.users id=2 CHANGED");
  }

  /**
   * Random drifts of every kind: the output listing exactly the injected rows, in any order,
   * passes; each way of getting one row wrong (left out, wrong kind, an extra row, a row twice)
   * fails.
   */
  @Test
  void exactlyTheInjectedRowsPassAndEveryMistakeFails() {
    long seed = new Random().nextLong();
    System.out.println("PgComparatorTests seed " + seed);
    Random random = new Random(seed);
    for (int trial = 0; trial < 200; trial++) {
      List<RowDivergence> rows = new ArrayList<>();
      Set<Long> keys = new LinkedHashSet<>();
      int size = 1 + random.nextInt(12);
      while (keys.size() < size) {
        keys.add(1 + (long) random.nextInt(1_000_000));
      }
      for (long key : keys) {
        DivergenceKind kind =
            List.of(
                    DivergenceKind.CHANGED,
                    DivergenceKind.MISSING_ON_REPLICA,
                    DivergenceKind.EXTRA_ON_REPLICA)
                .get(random.nextInt(3));
        rows.add(RowDivergence.of(USERS, Long.toString(key), kind));
      }
      InjectedDrift injected = InjectedDrift.of(rows);
      List<String> lines = new ArrayList<>(rows.stream().map(PgComparatorTests::line).toList());
      Collections.shuffle(lines, random);
      String seedText = "seed " + seed + ", trial " + trial;

      PgComparator.check(String.join("\n", lines) + "\n", USERS, BenchCase.DIVERGENT, injected);

      List<String> wrong = new ArrayList<>(lines);
      int at = random.nextInt(wrong.size());
      switch (random.nextInt(4)) {
        case 0 -> wrong.remove(at);
        case 1 -> wrong.set(at, otherVerb(wrong.get(at), random));
        case 2 -> wrong.add(at, "UPDATE " + (2_000_000 + random.nextInt(1000)));
        default -> wrong.add(at, wrong.get(at));
      }
      assertThatThrownBy(
              () ->
                  PgComparator.check(
                      String.join("\n", wrong), USERS, BenchCase.DIVERGENT, injected))
          .as(seedText)
          .isInstanceOf(BenchCheckException.class)
          .hasMessageContaining("pg_comparator of pgparity_bench.users (0.01% divergent)");
    }
  }

  @Test
  void theCommandUsesTheKeyOnlyForIntegerKeysAndKeepsPasswordsOffIt() {
    PgComparator.Endpoint primary =
        PgComparator.Endpoint.of(
            "jdbc:postgresql://db1:5433/app?user=bench&password=s3cret", null, "me");
    PgComparator.Endpoint replica =
        PgComparator.Endpoint.of("jdbc:postgresql://db2/app", null, "me");
    PgComparator comparator =
        new PgComparator(
            Path.of("/usr/bin/pg_comparator"),
            primary,
            replica,
            "pgparity_bench",
            "pgparity_bench");

    assertThat(primary).isEqualTo(new PgComparator.Endpoint("db1", 5433, "app", "bench", "s3cret"));
    assertThat(replica).isEqualTo(new PgComparator.Endpoint("db2", 5432, "app", "me", null));
    assertThat(comparator.command(BenchTable.USERS))
        .containsExactly(
            "/usr/bin/pg_comparator",
            "--cf=fnv",
            "--use-key",
            "--env-pass=" + PgComparator.PASSWORD_VARIABLE,
            "pgsql://bench@db1:5433/app/pgparity_bench.users?id",
            "pgsql://me@db2:5432/app/pgparity_bench.users?id");
    assertThat(comparator.command(BenchTable.SESSIONS))
        .doesNotContain("--use-key")
        .contains("pgsql://me@db2:5432/app/pgparity_bench.sessions?id")
        .noneMatch(word -> word.contains("s3cret"));
  }

  @Test
  void aUrlWithSeveralHostsIsRefused() {
    assertThatThrownBy(() -> PgComparator.Endpoint.of("jdbc:postgresql://db1,db2/app", null, "me"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one host per side");
  }

  @Test
  void theRoundsRotateWhatRunsFirst() {
    assertThat(CaseRounds.order(1, true, true))
        .containsExactly(
            CaseRounds.Contender.FLOOR,
            CaseRounds.Contender.VERIFY,
            CaseRounds.Contender.PG_COMPARATOR);
    assertThat(CaseRounds.order(2, true, true))
        .containsExactly(
            CaseRounds.Contender.VERIFY,
            CaseRounds.Contender.PG_COMPARATOR,
            CaseRounds.Contender.FLOOR);
    assertThat(CaseRounds.order(3, true, true))
        .containsExactly(
            CaseRounds.Contender.PG_COMPARATOR,
            CaseRounds.Contender.FLOOR,
            CaseRounds.Contender.VERIFY);
    assertThat(CaseRounds.order(4, true, true)).isEqualTo(CaseRounds.order(1, true, true));
    assertThat(CaseRounds.order(2, false, true))
        .containsExactly(CaseRounds.Contender.PG_COMPARATOR, CaseRounds.Contender.VERIFY);
    assertThat(CaseRounds.order(2, true, false))
        .containsExactly(CaseRounds.Contender.VERIFY, CaseRounds.Contender.FLOOR);
  }

  private static String line(RowDivergence row) {
    String verb =
        switch (row.kind()) {
          case CHANGED -> "UPDATE";
          case MISSING_ON_REPLICA -> "INSERT";
          case EXTRA_ON_REPLICA -> "DELETE";
          default -> throw new IllegalArgumentException(row.toString());
        };
    return verb + " " + row.key().get(BenchTable.KEY_COLUMN);
  }

  private static String otherVerb(String line, Random random) {
    List<String> verbs = new ArrayList<>(List.of("UPDATE", "INSERT", "DELETE"));
    String verb = line.substring(0, line.indexOf(' '));
    verbs.remove(verb);
    return verbs.get(random.nextInt(2)) + line.substring(line.indexOf(' '));
  }
}
