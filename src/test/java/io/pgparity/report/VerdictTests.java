package io.pgparity.report;

import static io.pgparity.report.ReportFixtures.ORDERS;
import static io.pgparity.report.ReportFixtures.USERS;
import static io.pgparity.report.ReportFixtures.run;
import static io.pgparity.report.ReportFixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.connect.Both;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTests {

  private static final String FOLDER = "; report: " + Path.of("reports/auth/20261125T120000Z-1a2b");

  @Test
  void consistentCountsTablesRowsAndTime() {
    RunResult r =
        run(
            Status.CONSISTENT,
            List.of(
                table(USERS, Status.CONSISTENT, 0, 0, 0),
                table(ORDERS, Status.CONSISTENT, 0, 0, 0)));

    assertThat(Verdict.line(r))
        .isEqualTo("CONSISTENT: 2 tables, 20 rows compared, 0 divergent (12.3 s)" + FOLDER);
  }

  @Test
  void consistentMentionsRowsThatConvergedOnRecheck() {
    TableResult users =
        new TableResult(
            USERS,
            List.of("id"),
            List.of("id", "v"),
            new TableResult.Rows(10, 10, 1),
            TableResult.Differences.NONE,
            List.of(),
            Status.CONSISTENT,
            0.5,
            null,
            new TableResult.Rechecks(37, 0),
            null);
    RunResult r = run(Status.CONSISTENT, List.of(users));

    assertThat(Verdict.line(r))
        .isEqualTo(
            "CONSISTENT: 1 table, 10 rows compared, 0 divergent, 37 in flight (converged on recheck)"
                + " (12.3 s)"
                + FOLDER);
  }

  @Test
  void divergentSplitsTheCountsByKind() {
    RunResult r =
        run(
            Status.DIVERGENT,
            List.of(
                table(USERS, Status.DIVERGENT, 10, 3, 24),
                table(ORDERS, Status.CONSISTENT, 0, 0, 0)));

    assertThat(Verdict.line(r))
        .isEqualTo(
            "DIVERGENT: 37 divergent rows in 1 of 2 tables (missing 10, extra 3, changed 24)"
                + FOLDER);
  }

  @Test
  void divergentUsesTheSingularForOne() {
    RunResult r = run(Status.DIVERGENT, List.of(table(USERS, Status.DIVERGENT, 1, 0, 0)));

    assertThat(Verdict.line(r))
        .isEqualTo(
            "DIVERGENT: 1 divergent row in 1 of 1 table (missing 1, extra 0, changed 0)" + FOLDER);
  }

  @Test
  void incompleteNamesTheFirstUnfinishedTablesNote() {
    assertThat(Verdict.line(ReportFixtures.run()))
        .isEqualTo(
            "INCOMPLETE: 1 of 3 tables not fully compared, 9 divergent rows found so far"
                + " (public.orders: canceling statement due to statement timeout; raise"
                + " tuning.statementTimeout)"
                + FOLDER);
  }

  @Test
  void failedNamesTheTableAndKeepsTheVerdictOnOneLine() {
    TableResult failed =
        new TableResult(
            USERS,
            List.of("id"),
            List.of("id"),
            TableResult.Rows.NONE,
            TableResult.Differences.NONE,
            List.of(),
            Status.FAILED,
            0.1,
            "permission denied for table users\n  on the replica; grant SELECT to checker",
            TableResult.Rechecks.NONE,
            null);
    RunResult r = run(Status.FAILED, List.of(table(ORDERS, Status.CONSISTENT, 0, 0, 0), failed));

    assertThat(Verdict.line(r))
        .isEqualTo(
            "FAILED: 1 of 2 tables failed (public.users: permission denied for table users on the"
                + " replica; grant SELECT to checker)"
                + FOLDER);
  }

  @Test
  void failedWithoutTablesPointsToTheLogAndOmitsAMissingFolder() {
    RunResult r =
        new RunResult(
            ReportFixtures.IDENTITY,
            null,
            Status.FAILED,
            Instant.parse("2026-11-25T12:00:00Z"),
            Instant.parse("2026-11-25T12:00:01Z"),
            new Both<>(null, null),
            List.of(),
            null,
            RunResult.Sharding.NONE,
            null,
            null);

    assertThat(Verdict.line(r))
        .isEqualTo("FAILED: the run failed before any table reported a cause; see the log");
  }
}
