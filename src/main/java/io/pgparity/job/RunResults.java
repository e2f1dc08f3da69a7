package io.pgparity.job;

import io.pgparity.catalog.TablePlan;
import io.pgparity.compare.DiffCounts;
import io.pgparity.config.JobDefinition;
import io.pgparity.connect.Both;
import io.pgparity.finding.SchemaFinding;
import io.pgparity.live.LagStats;
import io.pgparity.live.PauseStats;
import io.pgparity.live.ReplicationLink;
import io.pgparity.report.ReplicationSummary;
import io.pgparity.report.RunResult;
import io.pgparity.report.TableResult;
import io.pgparity.sequence.SequenceOutcome;
import io.pgparity.sequence.SequenceResult;
import io.pgparity.verdict.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the run state into the run's result: each table's verdict and the run's worst one. */
final class RunResults {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RunResults.class);

  private RunResults() {}

  static RunResult of(
      InMemoryRunState state,
      JobDefinition definition,
      String version,
      Instant finishedAt,
      String failure) {
    List<TableResult> tables = new ArrayList<>();
    Status status = Status.CONSISTENT;
    for (TableState table : state.tables()) {
      TableResult result = failure == null ? tableResult(state, table) : failed(table, failure);
      tables.add(result);
      status = status.worst(result.status());
    }
    List<SchemaFinding> findings = new ArrayList<>();
    InMemoryRunState.SchemaObjects objects = state.schemaObjects();
    if (objects != null) {
      findings.addAll(objects.findings());
    }
    SequenceOutcome sequences = state.sequences();
    if (sequences != null) {
      findings.addAll(sequences.findings());
    }
    List<SequenceResult> sequenceResults = sequences == null ? List.of() : sequences.results();
    if (failure == null) {
      status = RunResult.status(status, findings, sequenceResults);
      if (state.sequencesIncomplete() != null) {
        status = status.worst(Status.INCOMPLETE);
      }
    }
    String note = objects == null ? null : objects.note();
    if (state.sequencesIncomplete() != null) {
      note = note == null ? state.sequencesIncomplete() : note + "; " + state.sequencesIncomplete();
    }
    return new RunResult(
        new RunResult.Identity(
            version, definition.name(), state.folder() == null ? "none" : state.folder().runId()),
        state.folder() == null ? null : state.folder().path(),
        status,
        state.startedAt(),
        finishedAt,
        new Both<>(
            state.servers() == null ? null : state.servers().primary(),
            state.servers() == null ? null : state.servers().replica()),
        tables,
        replication(state),
        RunResult.Sharding.of(definition.shard()),
        state.resumption(),
        state.audit(),
        state.leftOut(),
        findings,
        sequenceResults,
        note);
  }

  private static ReplicationSummary replication(InMemoryRunState state) {
    InMemoryRunState.Replication replication = state.replication();
    if (replication == null) {
      return null;
    }
    ReplicationLink link = replication.link();
    LagStats lag = replication.watch().stats();
    PauseStats pauses = replication.throttle().stats();
    return new ReplicationSummary(
        link.kind().name(),
        link.kind().description(),
        link.detail(),
        replication.watch().waits(),
        lag.waits(),
        lag.longestWait(),
        lag.totalWait(),
        Math.max(lag.largestLagBytes(), pauses.largestLagBytes()),
        pauses.pauses(),
        pauses.paused(),
        replication.pacer().throttled(),
        state.pair().retries());
  }

  private static TableResult tableResult(InMemoryRunState state, TableState table) {
    TablePlan plan = table.plan;
    DiffCounts counts = table.counts;
    Status status;
    String note = null;
    Optional<UnexplainedDifference> unexplained =
        plan.comparable() && table.incompleteReason() == null && !counts.incomplete()
            ? unexplained(state.replication(), table)
            : Optional.empty();
    if (!plan.comparable()) {
      status = Status.DIVERGENT;
      note = plan.findings().get(0);
    } else if (table.incompleteReason() != null) {
      status = Status.INCOMPLETE;
      note = table.incompleteReason();
    } else if (counts.incomplete()) {
      status = Status.INCOMPLETE;
      note =
          "stopped after "
              + counts.total()
              + " divergent rows (max-divergences); "
              + counts.skippedRanges()
              + " suspect ranges or rows not examined; raise --max-divergences to list them all";
    } else if (counts.unstableRows() > 0) {
      status = Status.INCOMPLETE;
      note =
          counts.unstableRows()
              + " rows changed on the primary at every recheck or are within the settle window"
              + " (unstable, listed in rechecks.jsonl)"
              + (counts.total() > 0 ? " and " + counts.total() + " rows diverge" : "")
              + "; run again when writes are quieter, or raise rechecks / recheck-delay";
    } else if (unexplained.isPresent()) {
      status = unexplained.get().status();
      note = unexplained.get().note();
    } else if (counts.total() > 0 || !plan.findings().isEmpty()) {
      status = Status.DIVERGENT;
    } else {
      status = Status.CONSISTENT;
    }
    return new TableResult(
        plan.table(),
        plan.keyNames(),
        plan.columnNames(),
        new TableResult.Rows(
            table.rows(true), table.rows(false), plan.comparable() ? table.ranges() : 0),
        new TableResult.Differences(counts.missing(), counts.extra(), counts.changed()),
        plan.allFindings(),
        status,
        table.seconds(),
        note,
        new TableResult.Rechecks(counts.convergedRows(), counts.unstableRows()),
        plan.comparable() ? table.strip() : null);
  }

  /**
   * What the table's reported rows leave unexplained of its hash difference, and the verdict on it.
   */
  private static Optional<UnexplainedDifference> unexplained(
      InMemoryRunState.Replication replication, TableState table) {
    DiffCounts counts = table.counts;
    Optional<UnexplainedDifference> unexplained =
        UnexplainedDifference.judge(
            table.plan.table(),
            table.unexplained(),
            counts.total(),
            replication != null && replication.watch().waits(),
            replication != null && replication.link().kind().followsPrimary(),
            counts.convergedRows()
                + counts.convergedRanges()
                + counts.movedRanges()
                + counts.unstableRows(),
            replication == null
                ? "not a replica of the primary"
                : replication.link().kind().description());
    unexplained.ifPresent(u -> log.error(u.note()));
    return unexplained;
  }

  private static TableResult failed(TableState table, String failure) {
    TablePlan plan = table.plan;
    return new TableResult(
        table.spec.table(),
        plan == null ? List.of() : plan.keyNames(),
        plan == null ? List.of() : plan.columnNames(),
        TableResult.Rows.NONE,
        TableResult.Differences.NONE,
        plan == null ? List.of() : plan.allFindings(),
        Status.FAILED,
        table.seconds(),
        failure,
        TableResult.Rechecks.NONE,
        null);
  }
}
