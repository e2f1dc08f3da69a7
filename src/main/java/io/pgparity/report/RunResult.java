package io.pgparity.report;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.audit.AuditReport;
import io.pgparity.connect.ServerInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything summary.json and report.md say about one run; {@code replication} and {@code audit}
 * (the run's replication audit) are null when the run did not get that far.
 */
public record RunResult(
    String version,
    String job,
    String runId,
    Path runFolder,
    Status status,
    Instant startedAt,
    Instant finishedAt,
    ServerInfo primary,
    ServerInfo replica,
    List<TableResult> tables,
    ReplicationSummary replication,
    AuditReport audit) {

  public RunResult {
    checkNotNull(job, "job");
    checkNotNull(runId, "runId");
    checkNotNull(status, "status");
    checkNotNull(startedAt, "startedAt");
    checkNotNull(finishedAt, "finishedAt");
    tables = List.copyOf(tables);
  }

  /** A result without a replication audit. */
  public RunResult(String version, String job, String runId, Path runFolder, Status status, Instant startedAt,
      Instant finishedAt, ServerInfo primary, ServerInfo replica, List<TableResult> tables,
      ReplicationSummary replication) {
    this(version, job, runId, runFolder, status, startedAt, finishedAt, primary, replica, tables, replication, null);
  }

  /** A result without replication details (a run that failed before it looked). */
  public RunResult(String version, String job, String runId, Path runFolder, Status status, Instant startedAt,
      Instant finishedAt, ServerInfo primary, ServerInfo replica, List<TableResult> tables) {
    this(version, job, runId, runFolder, status, startedAt, finishedAt, primary, replica, tables, null, null);
  }

  /** Rows read on the primary side across all tables. */
  public long rowsCompared() {
    return tables.stream().mapToLong(TableResult::rowsPrimary).sum();
  }

  /** The replication audit's findings; zero without an audit. */
  public int auditFindings() {
    return audit == null ? 0 : audit.findings().size();
  }

  /** Divergent rows across all tables. */
  public long divergentRows() {
    return tables.stream().mapToLong(TableResult::divergentRows).sum();
  }
}
