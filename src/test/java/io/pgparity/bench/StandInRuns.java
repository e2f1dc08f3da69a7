package io.pgparity.bench;

import io.pgparity.compare.Divergence;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.connect.Both;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.VerifyLauncher;
import io.pgparity.report.DivergenceWriter;
import io.pgparity.report.RunResult;
import io.pgparity.report.SummaryJsonWriter;
import io.pgparity.report.TableResult;
import io.pgparity.verdict.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stand-in verify launcher for tests without servers: each launch writes a run folder with a
 * summary.json of the given status and counts and a divergences.jsonl written by the real
 * DivergenceWriter from the given rows, and returns it as the outcome. As the job clock, it says
 * each job took {@link #JOB}.
 */
final class StandInRuns implements VerifyLauncher, JobClock {

  static final JobTime JOB =
      new JobTime(
          1.75,
          List.of(
              new StepTime("planRanges", 0.5),
              new StepTime("hashRanges", 0.75),
              new StepTime("diffRows", 0.375)));

  private final Path out;
  private final Status status;
  private final List<RowDivergence> rows;
  private final long convergedRows;
  private final List<Path> folders = new ArrayList<>();

  StandInRuns(Path out, Status status, List<RowDivergence> rows, long convergedRows) {
    this.out = out;
    this.status = status;
    this.rows = List.copyOf(rows);
    this.convergedRows = convergedRows;
  }

  private int jobsRead;

  @Override
  public String jobRepositoryUrl() {
    return null;
  }

  @Override
  public JobTime lastJob() {
    if (jobsRead >= folders.size()) {
      throw new IllegalStateException("no stand-in job ran since the last read");
    }
    jobsRead++;
    return JOB;
  }

  List<Path> folders() {
    return folders;
  }

  @Override
  public RunOutcome launch(io.pgparity.config.JobDefinition definition) {
    Path folder = out.resolve("bench").resolve("run-" + (folders.size() + 1));
    try {
      Files.createDirectories(folder);
      try (DivergenceWriter writer = DivergenceWriter.open(folder)) {
        rows.forEach(row -> writer.write(divergence(row)));
      }
      new SummaryJsonWriter()
          .write(result(definition, folder), folder.resolve(SummaryJsonWriter.FILE_NAME));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    folders.add(folder);
    return new RunOutcome(status, folder, status + ": stand-in verdict");
  }

  /** The run's result: its one table took 1.125 s and diverges in the given rows. */
  private RunResult result(io.pgparity.config.JobDefinition definition, Path folder) {
    TableResult table =
        new TableResult(
            definition.tables().get(0).table(),
            List.of(BenchTable.KEY_COLUMN),
            List.of(BenchTable.KEY_COLUMN, "balance"),
            new TableResult.Rows(1_000, 1_000, 4),
            new TableResult.Differences(
                count(DivergenceKind.MISSING_ON_REPLICA),
                count(DivergenceKind.EXTRA_ON_REPLICA),
                count(DivergenceKind.CHANGED)),
            List.of(),
            status,
            1.125,
            null,
            new TableResult.Rechecks(convergedRows, 0),
            null);
    return new RunResult(
        new RunResult.Identity("test", definition.name(), folder.getFileName().toString()),
        folder,
        status,
        Instant.parse("2026-12-01T10:00:00.250Z"),
        Instant.parse("2026-12-01T10:00:02Z"),
        new Both<>(null, null),
        List.of(table),
        null,
        RunResult.Sharding.NONE,
        null,
        null);
  }

  private long count(DivergenceKind kind) {
    return rows.stream().filter(r -> r.kind() == kind).count();
  }

  private static Divergence divergence(RowDivergence row) {
    Map<String, String> values = Map.of("id", row.key().get("id"), "balance", "1.00");
    return switch (row.kind()) {
      case CHANGED ->
          new Divergence(
              row.table(),
              row.key(),
              row.kind(),
              List.of("balance"),
              values,
              Map.of("id", row.key().get("id"), "balance", "1.01"));
      case MISSING_ON_REPLICA ->
          new Divergence(row.table(), row.key(), row.kind(), List.of(), values, null);
      case EXTRA_ON_REPLICA ->
          new Divergence(row.table(), row.key(), row.kind(), List.of(), null, values);
    };
  }
}
