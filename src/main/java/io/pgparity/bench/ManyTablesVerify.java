package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.MetricsTargets;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.VerifyLauncher;
import io.pgparity.report.SummaryJson;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;

/**
 * Runs verify on every table of the many-tables case through the launcher (in this JVM, after a
 * warm-up), and checks it: the verdict must be CONSISTENT, summary.json must list exactly the
 * case's tables, each CONSISTENT with its planned row count on both servers, count as many rows
 * compared as the tables hold together and no divergent, converged or unstable row, and
 * divergences.jsonl must list no row.
 */
final class ManyTablesVerify {

  /** One run: the launch's wall time in this JVM and the job's time with its steps. */
  record Run(double launchSeconds, JobClock.JobTime job) {
    Run {
      checkNotNull(job, "job");
    }
  }

  static final String JOB_NAME = "bench-many";

  private final VerifyLauncher launcher;
  private final String primaryUrl;
  private final String replicaUrl;
  private final Path out;
  private final JobClock clock;

  ManyTablesVerify(
      VerifyLauncher launcher, String primaryUrl, String replicaUrl, Path out, JobClock clock) {
    this.launcher = checkNotNull(launcher, "launcher");
    this.primaryUrl = checkNotNull(primaryUrl, "primaryUrl");
    this.replicaUrl = checkNotNull(replicaUrl, "replicaUrl");
    this.out = checkNotNull(out, "out");
    this.clock = checkNotNull(clock, "clock");
  }

  /**
   * Verifies every table of {@code tables}; throws {@link BenchCheckException} on a wrong result.
   */
  Run run(ManyTables tables) {
    JobDefinition definition =
        new JobDefinition(
            JOB_NAME,
            new ConnectionSpec(primaryUrl, null),
            new ConnectionSpec(replicaUrl, null),
            List.of(),
            VerifyMode.LAG_AWARE.tuning(),
            out,
            clock.jobRepositoryUrl(),
            null,
            MetricsTargets.NONE,
            null,
            Map.of(),
            tables.selection());
    long started = System.nanoTime();
    RunOutcome outcome = launcher.launch(definition, false, VerifyLauncher.Resume.FRESH);
    double seconds = (System.nanoTime() - started) / 1e9;
    String run = "verify of the " + tables.tables().size() + " tables of " + ManyTables.SCHEMA;
    if (outcome.status() != Status.CONSISTENT || outcome.runFolder() == null) {
      throw new BenchCheckException(
          String.format("%s should be CONSISTENT but was: %s", run, outcome.verdict()));
    }
    run += ", run folder " + outcome.runFolder();
    JobClock.JobTime job = clock.lastJob();
    check(tables, outcome.runFolder(), run);
    return new Run(seconds, job);
  }

  static void check(ManyTables tables, Path runFolder, String run) {
    Path file = runFolder.resolve(SummaryJson.FILE_NAME);
    SummaryJson summary;
    try {
      summary = SummaryJson.read(file);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (summary.totals() == null) {
      throw new IllegalStateException(file + " has no totals");
    }
    List<String> wrong = new ArrayList<>();
    Map<String, SummaryJson.Table> reported = new HashMap<>();
    for (SummaryJson.Table table : summary.tables()) {
      if (reported.put(table.table(), table) != null) {
        wrong.add(table.table() + " is listed twice");
      }
    }
    for (ManyTables.Table table : tables.tables()) {
      SummaryJson.Table result = reported.remove(table.ref().toString());
      if (result == null) {
        wrong.add(table.ref() + " is missing");
      } else if (result.status() != Status.CONSISTENT
          || result.rows().rowsPrimary() != table.rows()
          || result.rows().rowsReplica() != table.rows()) {
        wrong.add(
            String.format(
                "%s is %s with %d row(s) on the primary and %d on the replica but holds %d on both",
                table.ref(),
                result.status(),
                result.rows().rowsPrimary(),
                result.rows().rowsReplica(),
                table.rows()));
      }
    }
    reported.keySet().forEach(name -> wrong.add(name + " is not a table of the case"));
    SummaryJson.Totals totals = summary.totals();
    if (totals.rowsCompared() != tables.totalRows()) {
      wrong.add(
          "it counts "
              + totals.rowsCompared()
              + " rows compared but the tables hold "
              + tables.totalRows());
    }
    if (totals.divergentRows() != 0 || totals.convergedRows() != 0 || totals.unstableRows() != 0) {
      wrong.add(
          String.format(
              "it counts %d divergent, %d converged and %d unstable row(s)",
              totals.divergentRows(), totals.convergedRows(), totals.unstableRows()));
    }
    List<RowDivergence> rows = ReportedRows.read(runFolder);
    if (!rows.isEmpty()) {
      wrong.add("divergences.jsonl lists " + rows.size() + " row(s)");
    }
    if (!wrong.isEmpty()) {
      throw new BenchCheckException(
          String.format(
              "%s: summary.json is not what identical tables give (%d problem(s)): %s",
              run, wrong.size(), wrong.stream().limit(5).collect(Collectors.joining("; "))));
    }
  }
}
