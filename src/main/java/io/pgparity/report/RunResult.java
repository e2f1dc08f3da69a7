package io.pgparity.report;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.connect.ServerInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything summary.json and report.md say about one run; {@code replication} may be null, and
 * {@code resumed} is null unless the run continued a stopped one.
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
    Resumption resumed) {

  public RunResult {
    checkNotNull(job, "job");
    checkNotNull(runId, "runId");
    checkNotNull(status, "status");
    checkNotNull(startedAt, "startedAt");
    checkNotNull(finishedAt, "finishedAt");
    tables = List.copyOf(tables);
  }

  /** A result of a run that started afresh. */
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

  /** Divergent rows across all tables. */
  public long divergentRows() {
    return tables.stream().mapToLong(TableResult::divergentRows).sum();
  }
}
