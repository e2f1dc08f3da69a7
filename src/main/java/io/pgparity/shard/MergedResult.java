package io.pgparity.shard;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.config.ConfigException;
import io.pgparity.report.ReplicationSummary;
import io.pgparity.report.RunResult;
import io.pgparity.report.TableResult;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Joins the results of a check's shards into the result one run over every row would have: per
 * table the counts and ranges summed and the worst status, as a run rolls up its tables; the schema
 * findings (the same in every shard) from shard 0. Per-range details cannot be joined, as each
 * shard chose ranges of its own, so the merged tables have no key-space strip.
 */
final class MergedResult {

  private MergedResult() {}

  /** The merged result; {@code shards} in index order, all of one check (see {@link ShardSet}). */
  static RunResult of(List<RunResult> shards, String runId, Path folder, Instant finishedAt) {
    checkArgument(!shards.isEmpty(), "no shards to merge");
    RunResult first = shards.get(0);
    List<TableResult> tables = new ArrayList<>();
    Status status = Status.CONSISTENT;
    for (int t = 0; t < first.tables().size(); t++) {
      TableResult table = table(shards, t);
      tables.add(table);
      status = status.worst(table.status());
    }
    for (RunResult shard : shards) {
      status = status.worst(shard.status());
    }
    Instant startedAt =
        shards.stream().map(RunResult::startedAt).min(Instant::compareTo).orElseThrow();
    return new RunResult(
        new RunResult.Identity(first.run().version(), first.run().job(), runId),
        folder,
        status,
        startedAt,
        finishedAt.isBefore(startedAt) ? startedAt : finishedAt,
        first.servers(),
        tables,
        replication(shards),
        RunResult.Sharding.merged(shards.stream().map(s -> s.run().runId()).toList()),
        null,
        null,
        // every shard compares the same tables' schemas and the same sequences: the first's stand
        // for all (its status, among the shards' worst, already counts them)
        first.leftOut(),
        first.schemaFindings(),
        first.sequences(),
        first.note());
  }

  private static TableResult table(List<RunResult> shards, int index) {
    TableResult first = shards.get(0).tables().get(index);
    TableResult.Rows rows = TableResult.Rows.NONE;
    TableResult.Differences differences = TableResult.Differences.NONE;
    TableResult.Rechecks rechecks = TableResult.Rechecks.NONE;
    double seconds = 0;
    Status status = Status.CONSISTENT;
    for (RunResult shard : shards) {
      TableResult t = shard.tables().size() > index ? shard.tables().get(index) : null;
      if (t == null || !t.table().equals(first.table())) {
        throw new ConfigException(
            "merge: shard "
                + shard.sharding().shard().label()
                + " ("
                + shard.runFolder()
                + ") does not list "
                + first.table()
                + " where shard 0 does; give the shards of one check");
      }
      if (!t.key().equals(first.key()) || !t.columns().equals(first.columns())) {
        // a schema change between the shards' runs: their rows were not compared alike
        throw new ConfigException(
            "merge: shard "
                + shard.sharding().shard().label()
                + " compared "
                + first.table()
                + " by key "
                + t.key()
                + " on "
                + t.columns().size()
                + " columns but shard 0 by key "
                + first.key()
                + " on "
                + first.columns().size()
                + "; the schema changed between the runs: run every shard again");
      }
      rows = rows.plus(t.rows());
      differences = differences.plus(t.differences());
      rechecks = rechecks.plus(t.rechecks());
      // the shards ran side by side: the table took as long as its slowest shard
      seconds = Double.isNaN(t.seconds()) ? seconds : Math.max(seconds, t.seconds());
      status = status.worst(t.status());
    }
    return new TableResult(
        first.table(),
        first.key(),
        first.columns(),
        rows,
        differences,
        first.schemaFindings(),
        status,
        seconds,
        note(shards, index, status),
        rechecks,
        null);
  }

  /** The shards' note for the merged status: once if they agree, else each with its shard. */
  private static String note(List<RunResult> shards, int index, Status status) {
    List<String> notes = new ArrayList<>();
    List<String> labelled = new ArrayList<>();
    for (RunResult shard : shards) {
      TableResult t = shard.tables().get(index);
      if (t.status() == status && t.note() != null) {
        notes.add(t.note());
        labelled.add("shard " + shard.sharding().shard().label() + ": " + t.note());
      }
    }
    if (notes.isEmpty()) {
      return null;
    }
    return notes.stream().distinct().count() == 1 ? notes.get(0) : String.join("; ", labelled);
  }

  private static ReplicationSummary replication(List<RunResult> shards) {
    List<ReplicationSummary> seen =
        shards.stream().map(RunResult::replication).filter(Objects::nonNull).toList();
    if (seen.isEmpty()) {
      return null;
    }
    ReplicationSummary first = seen.get(0);
    String kinds =
        seen.stream().map(ReplicationSummary::kind).distinct().collect(Collectors.joining(", "));
    return new ReplicationSummary(
        first.kind(),
        first.description(),
        kinds.equals(first.kind()) ? first.detail() : "the shards saw different kinds: " + kinds,
        seen.stream().allMatch(ReplicationSummary::lagAware),
        seen.stream().mapToLong(ReplicationSummary::waits).sum(),
        seen.stream().map(ReplicationSummary::longestWait).max(Duration::compareTo).orElseThrow(),
        seen.stream().map(ReplicationSummary::totalWait).reduce(Duration.ZERO, Duration::plus),
        seen.stream().mapToLong(ReplicationSummary::largestLagBytes).max().orElse(0),
        seen.stream().mapToLong(ReplicationSummary::pauses).sum(),
        seen.stream().map(ReplicationSummary::paused).reduce(Duration.ZERO, Duration::plus),
        seen.stream().map(ReplicationSummary::rateThrottled).reduce(Duration.ZERO, Duration::plus),
        seen.stream().mapToLong(ReplicationSummary::retries).sum());
  }
}
