package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.VerifyLauncher;
import io.pgparity.table.TableRef;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs verify on one benchmark table through the launcher, timed and with the heap sampled, and
 * checks that it found exactly what the replica was made to differ in.
 */
final class TimedVerify implements VerifyRuns {

  /**
   * One verify round: the launch's wall time, the job's time with its steps (see {@link
   * BatchJobClock}), the table's hash and diff time within it (summary.json), and the heap peak.
   */
  record Round(
      double processSeconds, JobClock.JobTime job, double hashDiffSeconds, long peakHeapBytes) {

    Round {
      checkNotNull(job, "job");
    }

    double jobSeconds() {
      return job.seconds();
    }
  }

  static final String JOB_NAME = "bench";

  private final VerifyLauncher launcher;
  private final String primaryUrl;
  private final String replicaUrl;
  private final Path out;
  private final JobClock clock;

  TimedVerify(
      VerifyLauncher launcher, String primaryUrl, String replicaUrl, Path out, JobClock clock) {
    this.launcher = launcher;
    this.primaryUrl = primaryUrl;
    this.replicaUrl = replicaUrl;
    this.out = out;
    this.clock = checkNotNull(clock, "clock");
  }

  /**
   * Verifies {@code table} in {@code mode}; throws {@link BenchCheckException} unless the verdict
   * is {@code expected}'s and the run reported exactly the {@code injected} rows, each once, and
   * nothing in flight (the primary is idle).
   */
  Round run(BenchTable table, BenchCase expected, VerifyMode mode, InjectedDrift injected) {
    return run(table.ref(), expected, mode, injected);
  }

  @Override
  public String launchedAs() {
    return "the verify launcher inside the bench's JVM (no new process)";
  }

  @Override
  public Round run(TableRef table, BenchCase expected, VerifyMode mode, InjectedDrift injected) {
    JobDefinition definition =
        new JobDefinition(
            JOB_NAME,
            new ConnectionSpec(primaryUrl, null),
            new ConnectionSpec(replicaUrl, null),
            List.of(TableSpec.of(table)),
            mode.tuning(),
            out,
            clock.jobRepositoryUrl());
    RunOutcome outcome;
    double seconds;
    HeapSampler heap = new HeapSampler();
    try {
      long started = System.nanoTime();
      // a timed round never takes over an aborted round's hashing
      outcome = launcher.launch(definition, false, VerifyLauncher.Resume.FRESH);
      seconds = (System.nanoTime() - started) / 1e9;
    } finally {
      heap.close();
    }
    long peak = heap.peakBytes();
    String run = String.format("%s verify of %s (%s)", mode.label(), table, expected.label());
    if (outcome.status() != expected.expected() || outcome.runFolder() == null) {
      throw new BenchCheckException(
          String.format(
              "%s should be %s but was: %s", run, expected.expected(), outcome.verdict()));
    }
    JobClock.JobTime job = clock.lastJob();
    RunSummary summary = check(table, run, outcome.runFolder(), injected);
    return new Round(seconds, job, summary.hashDiffSeconds(), peak);
  }

  /**
   * Checks the run folder of a run with the expected verdict: it must report exactly the {@code
   * injected} rows, each once, and nothing in flight (the primary is idle); returns its summary.
   */
  static RunSummary check(TableRef table, String run, Path runFolder, InjectedDrift injected) {
    run += ", run folder " + runFolder;
    RunSummary summary = RunSummary.read(runFolder, table);
    List<RowDivergence> reported = ReportedRows.read(runFolder);
    injected.requireReported(reported, run);
    if (summary.divergentRows() != reported.size()
        || summary.convergedRows() != 0
        || summary.unstableRows() != 0) {
      throw new BenchCheckException(
          String.format(
              "%s: summary.json counts %d divergent, %d converged and %d unstable row(s); expected the %d divergent"
                  + " rows divergences.jsonl lists and no row in flight, as the primary is idle",
              run,
              summary.divergentRows(),
              summary.convergedRows(),
              summary.unstableRows(),
              reported.size()));
    }
    return summary;
  }
}
