package io.pgparity.bench;

import static io.pgparity.compare.DivergenceKind.CHANGED;
import static io.pgparity.compare.DivergenceKind.EXTRA_ON_REPLICA;
import static io.pgparity.compare.DivergenceKind.MISSING_ON_REPLICA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pgparity.verdict.ExitCode;
import io.pgparity.verdict.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit status and what bench prints when a check fails, with stand-in verify runs (their
 * summary.json and divergences.jsonl on disk) instead of servers.
 */
class BenchCommandTests {

  private static final RowDivergence CHANGED_4 = RowDivergence.of(BenchTable.USERS, "4", CHANGED);
  private static final RowDivergence MISSING_6 =
      RowDivergence.of(BenchTable.USERS, "6", MISSING_ON_REPLICA);
  private static final RowDivergence EXTRA_9 =
      RowDivergence.of(BenchTable.USERS, "9", EXTRA_ON_REPLICA);
  private static final InjectedDrift INJECTED =
      InjectedDrift.of(List.of(CHANGED_4, MISSING_6, EXTRA_9));

  @TempDir Path out;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void aDivergentRunMissingAnInjectedRowExitsThreeAndPrintsNoRatio() {
    StandInRuns runs = new StandInRuns(out, Status.DIVERGENT, List.of(CHANGED_4, EXTRA_9), 0);

    int exit = run(divergentCase(runs));

    assertThat(exit).isEqualTo(ExitCode.RUNTIME_FAILURE.code()).isNotZero();
    assertThat(stderr())
        .startsWith(
            "pgparity: bench failed a check, so its times measure something else and it prints no ratios:")
        .contains(
            "lag-aware verify of bench.users (0.01% divergent), run folder "
                + runs.folders().get(0))
        .contains("reported 2 divergent row(s) but 3 were injected")
        .contains("1 injected but not reported: bench.users id=6 MISSING_ON_REPLICA");
    assertNoRatio();
  }

  @Test
  void aDivergentRunWithTheRightCountButAWrongKindFails() {
    RowDivergence wrongKind = RowDivergence.of(BenchTable.USERS, "6", CHANGED);
    StandInRuns runs =
        new StandInRuns(out, Status.DIVERGENT, List.of(CHANGED_4, wrongKind, EXTRA_9), 0);

    assertThat(run(divergentCase(runs))).isEqualTo(3);
    assertThat(stderr())
        .contains(
            "1 reported with the wrong kind: bench.users id=6 reported CHANGED but injected"
                + " MISSING_ON_REPLICA");
    assertNoRatio();
  }

  @Test
  void anIdenticalRunThatReportsARowOrIsNotConsistentFails() {
    StandInRuns reporting = new StandInRuns(out, Status.CONSISTENT, List.of(CHANGED_4), 0);
    assertThat(run(identicalCase(reporting))).isEqualTo(3);
    assertThat(stderr())
        .contains(
            "reported 1 divergent row(s) but 0 were injected",
            "1 reported but not injected: bench.users id=4 CHANGED");
    assertNoRatio();

    StandInRuns divergent = new StandInRuns(out, Status.DIVERGENT, List.of(), 0);
    TimedVerify verify = verifyOn(divergent, out);
    assertThatThrownBy(
            () ->
                verify.run(
                    BenchTable.USERS, BenchCase.IDENTICAL, VerifyMode.PLAIN, InjectedDrift.none()))
        .isInstanceOf(BenchCheckException.class)
        .hasMessage(
            "plain verify of bench.users (identical) should be CONSISTENT but was: DIVERGENT: stand-in verdict");
  }

  @Test
  void aRowInFlightOnTheIdlePrimaryFails() {
    StandInRuns runs = new StandInRuns(out, Status.CONSISTENT, List.of(), 2);
    TimedVerify verify = verifyOn(runs, out);

    assertThatThrownBy(
            () ->
                verify.run(
                    BenchTable.USERS,
                    BenchCase.IDENTICAL,
                    VerifyMode.LAG_AWARE,
                    InjectedDrift.none()))
        .isInstanceOf(BenchCheckException.class)
        .hasMessageContaining("summary.json counts 0 divergent, 2 converged and 0 unstable row(s)");
  }

  @Test
  void exactRunsGiveTheTableTheFileAndExitZero() {
    StandInRuns runs =
        new StandInRuns(out, Status.DIVERGENT, List.of(EXTRA_9, MISSING_6, CHANGED_4), 0);

    int exit = run(divergentCase(runs));

    assertThat(stderr()).isEmpty();
    assertThat(exit).isZero();
    assertThat(stdout())
        .contains(
            BenchReport.HEADER,
            "| 1,000 | bench.users | 0.01% divergent | 0.50 | ",
            " | 1.75 | 3.50 | - | - | ",
            " | 1.13 | ",
            "Written to ");
    assertThat(benchFiles()).hasSize(1);
  }

  @Test
  void theJobTimeIsTheJobClocksAndHashDiffTheTablesSeconds() {
    StandInRuns runs =
        new StandInRuns(out, Status.DIVERGENT, List.of(EXTRA_9, MISSING_6, CHANGED_4), 0);
    TimedVerify verify = verifyOn(runs, out);

    TimedVerify.Round round =
        verify.run(BenchTable.USERS, BenchCase.DIVERGENT, VerifyMode.LAG_AWARE, INJECTED);

    // the job's whole time, planning included, not only the table's 1.125 s of hashing and diffing
    assertThat(round.job()).isEqualTo(StandInRuns.JOB);
    assertThat(round.jobSeconds()).isCloseTo(1.75, within(1e-9));
    assertThat(round.job().stepsText())
        .isEqualTo("planRanges 0.50 + hashRanges 0.75 + diffRows 0.38");
    assertThat(round.hashDiffSeconds()).isCloseTo(1.125, within(1e-9));
    assertThat(round.processSeconds()).isPositive();
  }

  @Test
  void anyOtherFailureAlsoExitsThreeWithoutRatios() {
    int exit =
        run(
            (options, o, e) -> {
              throw new IllegalStateException("the servers did not start");
            });

    assertThat(exit).isEqualTo(3);
    assertThat(stderr()).isEqualTo("pgparity: bench failed: the servers did not start\n");
    assertNoRatio();
  }

  /** A one-round divergent case of bench.users, timed like the real one but on stand-in runs. */
  private Benchmark divergentCase(StandInRuns runs) {
    return (options, o, e) -> {
      TimedVerify verify = verifyOn(runs, options.out());
      TimedVerify.Round round =
          verify.run(BenchTable.USERS, BenchCase.DIVERGENT, VerifyMode.LAG_AWARE, INJECTED);
      return List.of(
          CaseResult.of(
              BenchTable.USERS,
              options.rows(),
              BenchCase.DIVERGENT,
              List.of(0.5),
              List.of(round),
              List.of()));
    };
  }

  private Benchmark identicalCase(StandInRuns runs) {
    return (options, o, e) -> {
      TimedVerify verify = verifyOn(runs, options.out());
      TimedVerify.Round round =
          verify.run(
              BenchTable.USERS, BenchCase.IDENTICAL, VerifyMode.LAG_AWARE, InjectedDrift.none());
      return List.of(
          CaseResult.of(
              BenchTable.USERS,
              options.rows(),
              BenchCase.IDENTICAL,
              List.of(0.5),
              List.of(round),
              List.of()));
    };
  }

  private static TimedVerify verifyOn(StandInRuns runs, Path out) {
    return new TimedVerify(
        runs, "jdbc:postgresql://primary/db", "jdbc:postgresql://replica/db", out, runs);
  }

  private int run(Benchmark benchmark) {
    stdout.reset();
    stderr.reset();
    return new BenchCommand(benchmark)
        .run(
            List.of(
                "--rows",
                "1000",
                "--rounds",
                "1",
                "--tables",
                "users",
                "--no-lag-compare",
                "--out",
                out.toString()),
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  private void assertNoRatio() {
    assertThat(stdout())
        .doesNotContain(BenchReport.HEADER, "| bench.", "Lag-aware over plain", "Written to");
    assertThat(benchFiles()).isEmpty();
  }

  private List<Path> benchFiles() {
    Path folder = out.resolve("bench");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".md")).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String stdout() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return stderr.toString(StandardCharsets.UTF_8);
  }
}
