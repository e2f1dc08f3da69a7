package io.pgparity.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.JobDefinition;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.job.VerifyLauncher;
import io.pgparity.report.DivergenceWriter;
import io.pgparity.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole benchmark at a tiny size on the shared test servers with the real launcher: 30,000
 * rows, so the drift has one row of each kind.
 */
class BenchIntegrationTests {

  private static final List<String> TINY =
      List.of("--rows", "30000", "--rounds", "1", "--no-lag-compare");

  @TempDir Path out;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void honestRunsPassEveryCheckAndPrintTheTable() {
    int exit = run(new SpringVerifyLauncher(), "users,sessions");
    System.out.print(stdout.toString(UTF_8));

    assertThat(stderr.toString(UTF_8)).isEmpty();
    assertThat(exit).isZero();
    assertThat(stdout.toString(UTF_8))
        .contains(
            "bench.users: the replica now differs in 3 row(s) (1 updated, 1 deleted, 1 inserted).",
            "bench.sessions: the replica now differs in 3 row(s) (1 updated, 1 deleted, 1 inserted).",
            BenchReport.HEADER,
            "| 30,000 | bench.users | identical |",
            "| 30,000 | bench.users | 0.01% divergent |",
            "| 30,000 | bench.sessions | identical |",
            "| 30,000 | bench.sessions | 0.01% divergent |",
            "Written to ")
        .containsPattern(
            "verify \\(job\\) [0-9.]+ s \\(steps: planRanges [0-9.]+ \\+ auditReplication [0-9.]+"
                + " \\+ compareSchemaObjects [0-9.]+ \\+ hashRanges [0-9.]+ \\+ diffRows [0-9.]+"
                + " \\+ compareSequences [0-9.]+ \\+ writeReports [0-9.]+\\), hash\\+diff of the table");
  }

  /** The default: each verify a process of its own, lag-aware and plain, on the linked pair. */
  @Test
  void verifyProcessesOnTheLinkedPairPassEveryCheck() {
    BenchCommand command = new BenchCommand(EmbeddedBenchmark.processesOn(TestServers::pair));
    int exit =
        command.run(
            List.of(
                "--rows", "30000", "--rounds", "1", "--tables", "users", "--out", out.toString()),
            new PrintStream(stdout, true, UTF_8),
            new PrintStream(stderr, true, UTF_8));
    System.out.print(stdout.toString(UTF_8));

    assertThat(stderr.toString(UTF_8)).isEmpty();
    assertThat(exit).isZero();
    assertThat(stdout.toString(UTF_8))
        .contains(
            "verify is launched as: " + LaunchCommand.byDefault() + " verify",
            "pg_comparator: not applicable (embedded servers lack the pgcmp extension)",
            "| 30,000 | bench.users | identical | ",
            "| 30,000 | bench.users | 0.01% divergent | ",
            "Lag-aware over plain verify on the idle linked replica")
        .containsPattern(
            "bench.users, 0.01% divergent, round 1: floor [0-9.]+ s, verify \\(process\\) [0-9.]+ s,"
                + " verify \\(job\\) [0-9.]+ s, hash\\+diff of the table [0-9.]+ s;"
                + " plain verify \\(process\\) [0-9.]+ s, \\(job\\) [0-9.]+ s\n");
  }

  /**
   * A report with a row missing and another twice has the right count; only the set check tells.
   */
  @Test
  void aRunThatReportsOneRowTwiceInsteadOfAnotherFailsTheBenchWithoutRatios() {
    List<String> dropped = new ArrayList<>();
    VerifyLauncher duplicating = new DuplicatingLauncher(new SpringVerifyLauncher(), dropped);

    int exit = run(duplicating, "users");

    assertThat(exit).isEqualTo(3);
    assertThat(dropped).hasSize(1);
    assertThat(stderr.toString(UTF_8))
        .contains(
            "verify of bench.users (0.01% divergent)",
            "reported 3 divergent row(s) but 3 were injected",
            "1 injected but not reported: bench.users id=" + dropped.get(0),
            "1 reported more than once");
    assertThat(stdout.toString(UTF_8)).doesNotContain(BenchReport.HEADER, "Written to");
  }

  private int run(VerifyLauncher launcher, String tables) {
    List<String> args = new ArrayList<>(TINY);
    args.addAll(List.of("--tables", tables, "--out", out.toString()));
    BenchCommand command =
        new BenchCommand(new EmbeddedBenchmark(launcher, TestServers::pair, false));
    return command.run(
        args, new PrintStream(stdout, true, UTF_8), new PrintStream(stderr, true, UTF_8));
  }

  /**
   * The real launcher, but a run that reported rows gets its last divergences.jsonl line replaced
   * by a copy of its first, as a report that repeated one row and lost another would be.
   */
  private record DuplicatingLauncher(VerifyLauncher real, List<String> dropped)
      implements VerifyLauncher {

    @Override
    public RunOutcome launch(JobDefinition definition) {
      return tamper(real.launch(definition));
    }

    @Override
    public RunOutcome launch(JobDefinition definition, boolean repairSql, Resume resume) {
      return tamper(real.launch(definition, repairSql, resume));
    }

    private RunOutcome tamper(RunOutcome outcome) {
      if (outcome.runFolder() == null) {
        return outcome;
      }
      Path file = outcome.runFolder().resolve(DivergenceWriter.JSONL_FILE);
      try {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, UTF_8));
        if (lines.size() >= 2) {
          String last = lines.set(lines.size() - 1, lines.get(0));
          dropped.add(ReportedRows.parse(last, file, lines.size()).key().get("id") + " ");
          Files.write(file, lines, UTF_8);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return outcome;
    }
  }
}
