package io.pgparity.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.TablePattern;
import io.pgparity.config.TableSelection;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.job.VerifyLauncher;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The many-tables case at 5 tables on the shared test servers with the real launcher: an honest run
 * passes and prints its table and start-up line; a verify that leaves a table out, and tables that
 * differ, fail the bench.
 */
class ManyTablesIntegrationTests {

  private static final int TABLES = 5;

  @TempDir Path out;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void anHonestRunPassesEveryCheckAndPrintsTheFloorsVerifyAndStartUp() {
    int exit = run(new SpringVerifyLauncher(), List.of());
    System.out.print(stdout.toString(UTF_8));
    System.out.print(stderr.toString(UTF_8));

    ManyTables tables = ManyTables.of(TABLES, ManyTablesOptions.DEFAULT_SEED);
    assertThat(stderr.toString(UTF_8)).isEmpty();
    assertThat(exit).isZero();
    assertThat(stdout.toString(UTF_8))
        .contains(
            ManyTablesReport.HEADER,
            String.format("| %d | %,d |", TABLES, tables.totalRows()),
            "Fixed start-up of a verify process",
            "Written to ")
        .containsPattern(
            "round 1: floor [0-9.]+ s, floor \\(UNION ALL\\) [0-9.]+ s, verify \\(job\\) [0-9.]+ s"
                + " \\(steps: planRanges [0-9.]+ .*\\), verify \\(launch in this JVM\\) [0-9.]+ s,"
                + " start-up process [0-9.]+ s; load average ")
        // every part of the start-up was found in the child's log
        .doesNotContain("n/a")
        .containsPattern(
            "verify \\(job\\) over the floor: [0-9.]+; target: at most 3.00, (not )?met");
  }

  /** A verify that silently compared one table fewer would still say CONSISTENT. */
  @Test
  void aVerifyThatLeavesATableOutFailsTheBenchWithoutRatios() {
    VerifyLauncher lastTableLeftOut =
        new VerifyLauncher() {
          private final VerifyLauncher real = new SpringVerifyLauncher();

          @Override
          public RunOutcome launch(JobDefinition definition) {
            return real.launch(leaveOut(definition));
          }

          @Override
          public RunOutcome launch(JobDefinition definition, boolean repairSql, Resume resume) {
            return real.launch(leaveOut(definition), repairSql, resume);
          }
        };

    int exit = run(lastTableLeftOut, List.of("--no-startup"));

    assertThat(exit).isEqualTo(3);
    assertThat(stderr.toString(UTF_8))
        .contains(
            "pgparity: bench failed a check",
            "bench_many.t0005 is missing",
            "it counts "
                + (ManyTables.of(TABLES, ManyTablesOptions.DEFAULT_SEED).totalRows()
                    - ManyTables.of(TABLES, ManyTablesOptions.DEFAULT_SEED).tables().get(4).rows())
                + " rows compared but the tables hold");
    assertThat(stdout.toString(UTF_8)).doesNotContain(ManyTablesReport.HEADER, "Written to");
  }

  @Test
  void aTableThatDiffersOnTheReplicaFailsTheFloorsAndVerify() {
    EmbeddedPair pair = TestServers.pair();
    ManyTablesData data = new ManyTablesData(pair);
    ManyTables tables = ManyTables.of(3, 7);
    try {
      data.load(tables);
      ManyTables.Table changed = tables.tables().get(2);
      // same row count, one value changed: only the hash sum can tell
      TestServers.exec(
          pair.replica(),
          "UPDATE "
              + SqlIdentifier.quote(changed.ref())
              + " SET active = NOT active WHERE seq = 1");
      ManyTablesFloor floor = new ManyTablesFloor(pair.primary(), pair.replica());
      for (ManyTablesFloor.Mode mode : ManyTablesFloor.Mode.values()) {
        assertThatThrownBy(() -> floor.measure(tables, mode))
            .isInstanceOf(BenchCheckException.class)
            .hasMessageContaining("the floor (" + mode.label() + ") found 1 of 3 table(s)")
            .hasMessageContaining(changed.ref() + " has different hash sums");
      }
      ManyTablesVerify verify =
          new ManyTablesVerify(
              new SpringVerifyLauncher(),
              pair.primaryUrl(),
              pair.replicaUrl(),
              out,
              BatchJobClock.inMemory());
      assertThatThrownBy(() -> verify.run(tables))
          .isInstanceOf(BenchCheckException.class)
          .hasMessageContaining("should be CONSISTENT but was: DIVERGENT");

      // one row fewer on the replica: the count check
      TestServers.exec(
          pair.replica(), "DELETE FROM " + SqlIdentifier.quote(changed.ref()) + " WHERE seq = 2");
      assertThatThrownBy(() -> floor.measure(tables, ManyTablesFloor.Mode.UNION_ALL))
          .isInstanceOf(BenchCheckException.class)
          .hasMessageContaining(
              changed.ref()
                  + " should have "
                  + changed.rows()
                  + " rows but the floor counted "
                  + changed.rows()
                  + " on the primary and "
                  + (changed.rows() - 1)
                  + " on the replica");
    } finally {
      for (String schema : List.of(ManyTables.SCHEMA, ManyTables.STARTUP_SCHEMA)) {
        TestServers.dropSchema(schema);
      }
    }
  }

  /** The same job with the case's last table excluded, as a wrong selection would leave it. */
  private static JobDefinition leaveOut(JobDefinition d) {
    return d.withSelection(
        new TableSelection(
            d.selection().include(),
            List.of(TablePattern.parse(ManyTables.SCHEMA + ".t0005")),
            false));
  }

  private int run(VerifyLauncher launcher, List<String> extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--case",
                "many-tables",
                "--table-count",
                String.valueOf(TABLES),
                "--rounds",
                "1",
                "--out",
                out.toString()));
    args.addAll(extra);
    BenchCommand command =
        new BenchCommand(
            (options, o, e) -> List.of(),
            new ManyTablesBenchmark(launcher, TestServers::pair, false, VerifyStartup::thisJava));
    return command.run(
        args, new PrintStream(stdout, true, UTF_8), new PrintStream(stderr, true, UTF_8));
  }
}
