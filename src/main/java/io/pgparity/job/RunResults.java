package io.pgparity.job;

import io.pgparity.catalog.TablePlan;
import io.pgparity.compare.DiffCounts;
import io.pgparity.compare.SumDifference;
import io.pgparity.live.LagStats;
import io.pgparity.live.PauseStats;
import io.pgparity.report.ReplicationSummary;
import io.pgparity.report.RunResult;
import io.pgparity.report.Status;
import io.pgparity.report.TableResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns the ledger into the run's result: each table's verdict and the run's worst one. */
final class RunResults {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RunResults.class);

  private RunResults() {}

  static RunResult of(RunLedger ledger, String version, Instant finishedAt, String failure) {
    List<TableResult> tables = new ArrayList<>();
    Status status = Status.CONSISTENT;
    for (TableState table : ledger.tables) {
      TableResult result = failure == null ? tableResult(ledger, table) : failed(table, failure);
      tables.add(result);
      status = status.worst(result.status());
    }
    return new RunResult(
        version,
        ledger.definition.name(),
        ledger.folder == null ? "none" : ledger.folder.runId(),
        ledger.folder == null ? null : ledger.folder.path(),
        status,
        ledger.startedAt,
        finishedAt,
        ledger.primaryInfo,
        ledger.replicaInfo,
        tables,
        replication(ledger),
        ledger.definition.shard(),
        List.of(),
        ledger.resumption,
        ledger.audit);
  }

  private static ReplicationSummary replication(RunLedger ledger) {
    if (ledger.link == null) {
      return null;
    }
    LagStats lag = ledger.watch.stats();
    PauseStats pauses = ledger.throttle.stats();
    return new ReplicationSummary(
        ledger.link.kind().name(),
        ledger.link.kind().description(),
        ledger.link.detail(),
        ledger.watch.waits(),
        lag.waits(),
        lag.longestWait(),
        lag.totalWait(),
        Math.max(lag.largestLagBytes(), pauses.largestLagBytes()),
        pauses.pauses(),
        pauses.paused(),
        ledger.pacer.throttled(),
        ledger.pair.retries());
  }

  private static TableResult tableResult(RunLedger ledger, TableState table) {
    TablePlan plan = table.plan;
    DiffCounts counts = table.counts;
    Status status;
    String note = null;
    String unexplained = plan.comparable() && table.incompleteReason() == null && !counts.incomplete()
        ? unexplained(ledger, table) : null;
    if (!plan.comparable()) {
      status = Status.DIVERGENT;
      note = plan.findings().get(0);
    } else if (table.incompleteReason() != null) {
      status = Status.INCOMPLETE;
      note = table.incompleteReason();
    } else if (counts.incomplete()) {
      status = Status.INCOMPLETE;
      note = "stopped after " + counts.total() + " divergent rows (max-divergences); " + counts.skippedRanges()
          + " suspect ranges or rows not examined; raise --max-divergences to list them all";
    } else if (counts.unstableRows() > 0) {
      status = Status.INCOMPLETE;
      note = counts.unstableRows() + " rows changed on the primary at every recheck or are within the settle window"
          + " (unstable, listed in rechecks.jsonl)" + (counts.total() > 0 ? " and " + counts.total() + " rows diverge" : "")
          + "; run again when writes are quieter, or raise rechecks / recheck-delay";
    } else if (unexplained != null) {
      boolean notInFlight = ledger.link == null || !ledger.link.kind().followsPrimary();
      status = notInFlight ? Status.FAILED : Status.INCOMPLETE;
      note = unexplained;
    } else if (counts.total() > 0 || !plan.findings().isEmpty()) {
      status = Status.DIVERGENT;
    } else {
      status = Status.CONSISTENT;
    }
    return new TableResult(
        plan.table(),
        plan.keyNames(),
        plan.columnNames(),
        table.rows(true),
        table.rows(false),
        plan.comparable() ? table.ranges() : 0,
        counts.missing(),
        counts.extra(),
        counts.changed(),
        plan.allFindings(),
        status,
        table.seconds(),
        note,
        counts.convergedRows(),
        counts.unstableRows(),
        plan.comparable() ? table.strip() : null);
  }

  /**
   * Why the table's sums differ by more than its reported rows explain, or null when they do not.
   * On a replica that was waited for, rows that converged, or ranges whose rows moved between the
   * hash pass and the diff, were in flight and the hash pass's sums no longer hold them to account,
   * so only a difference with nothing in flight counts; there a recheck found nothing, and the table is INCOMPLETE. On a copy that is not
   * waited for nothing is in flight: the difference is a missed row or a bug in pgparity, and the
   * table FAILED, never CONSISTENT.
   */
  private static String unexplained(RunLedger ledger, TableState table) {
    SumDifference left = table.unexplained();
    if (left.isZero()) {
      return null;
    }
    DiffCounts counts = table.counts;
    boolean waited = ledger.watch != null && ledger.watch.waits();
    if (waited && counts.convergedRows() + counts.convergedRanges() + counts.movedRanges() + counts.unstableRows() > 0) {
      return null;
    }
    String what = table.plan.table() + ": the hash pass found the sides apart by " + left
        + " (primary minus replica) that none of the " + counts.total() + " divergent rows reported explains";
    String message;
    if (waited) {
      message = what + ", and rechecking after the replica caught up found no row in flight; run again, and if it"
          + " persists report it as a pgparity bug with this run folder";
    } else if (ledger.link != null && ledger.link.kind().followsPrimary()) {
      message = what + "; the replica follows the primary but was not waited for (lag-aware off), so rows in flight"
          + " may explain it: run again with lag-aware on";
    } else {
      message = "pgparity could not explain a difference: " + what + ". The replica ("
          + (ledger.link == null ? "not a replica of the primary" : ledger.link.kind().description())
          + ") is not waited for, so nothing was in flight: either a side was written during the run, or this is a"
          + " bug in pgparity; please report it with this run folder";
    }
    log.error(message);
    return message;
  }

  private static TableResult failed(TableState table, String failure) {
    TablePlan plan = table.plan;
    return new TableResult(
        table.spec.table(),
        plan == null ? List.of() : plan.keyNames(),
        plan == null ? List.of() : plan.columnNames(),
        0,
        0,
        0,
        0,
        0,
        0,
        plan == null ? List.of() : plan.allFindings(),
        Status.FAILED,
        table.seconds(),
        failure);
  }
}
