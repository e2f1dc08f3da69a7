package io.pgparity.bench;

import io.pgparity.config.ConnectionSpec;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.VerifyLauncher;
import java.nio.file.Path;
import java.util.List;

/** Runs verify on one benchmark table through the launcher, timed and with the heap sampled. */
final class TimedVerify {

  /** One verify round: launch wall time, the job's own time, what it found, and the heap peak. */
  record Round(double processSeconds, double jobSeconds, long divergentRows, long peakHeapBytes) {}

  static final String JOB_NAME = "bench";

  private final VerifyLauncher launcher;
  private final String primaryUrl;
  private final String replicaUrl;
  private final Path out;

  TimedVerify(VerifyLauncher launcher, String primaryUrl, String replicaUrl, Path out) {
    this.launcher = launcher;
    this.primaryUrl = primaryUrl;
    this.replicaUrl = replicaUrl;
    this.out = out;
  }

  /**
   * Verifies {@code table} in {@code mode}; throws IllegalStateException when the verdict is not
   * {@code expected}'s.
   */
  Round run(BenchTable table, BenchCase expected, VerifyMode mode) {
    JobDefinition definition =
        new JobDefinition(
            JOB_NAME,
            new ConnectionSpec(primaryUrl, null),
            new ConnectionSpec(replicaUrl, null),
            List.of(TableSpec.of(table.ref())),
            mode.tuning(),
            out,
            null);
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
    if (outcome.status() != expected.expected() || outcome.runFolder() == null) {
      throw new IllegalStateException(
          String.format(
              "%s verify of %s (%s) should be %s but was: %s",
              mode.label(), table.ref(), expected.label(), expected.expected(), outcome.verdict()));
    }
    RunSummary summary = RunSummary.read(outcome.runFolder(), table.ref());
    return new Round(seconds, summary.tableSeconds(), summary.divergentRows(), peak);
  }
}
