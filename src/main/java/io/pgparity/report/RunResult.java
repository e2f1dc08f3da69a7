package io.pgparity.report;

import io.pgparity.verdict.Status;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.audit.AuditReport;
import io.pgparity.config.Shard;
import io.pgparity.connect.ServerInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything summary.json and report.md say about one run; {@code replication} and {@code audit}
 * (the run's replication audit) are null when the run did not get that far. {@code shard} is the
 * share of a sharded check this run compared (null if not sharded); {@code shards} lists the run
 * ids a merged run was joined from (empty unless merged); {@code resumed} is null unless the run
 * continued a stopped one.
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
    Shard shard,
    List<String> shards,
    Resumption resumed,
    AuditReport audit) {

  public RunResult {
    checkNotNull(job, "job");
    checkNotNull(runId, "runId");
    checkNotNull(status, "status");
    checkNotNull(startedAt, "startedAt");
    checkNotNull(finishedAt, "finishedAt");
    tables = List.copyOf(tables);
    shards = shards == null ? List.of() : List.copyOf(shards);
    checkArgument(shard == null || shards.isEmpty(), "run %s is either one shard or merged from shards", runId);
  }

  /** A run that is neither a shard nor merged, started afresh, without a replication audit. */
  public RunResult(String version, String job, String runId, Path runFolder, Status status, Instant startedAt,
      Instant finishedAt, ServerInfo primary, ServerInfo replica, List<TableResult> tables,
      ReplicationSummary replication) {
    this(version, job, runId, runFolder, status, startedAt, finishedAt, primary, replica, tables, replication, null,
        List.of(), null, null);
  }

  /** A result without replication details (a run that failed before it looked). */
  public RunResult(String version, String job, String runId, Path runFolder, Status status, Instant startedAt,
      Instant finishedAt, ServerInfo primary, ServerInfo replica, List<TableResult> tables) {
    this(version, job, runId, runFolder, status, startedAt, finishedAt, primary, replica, tables, null);
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
