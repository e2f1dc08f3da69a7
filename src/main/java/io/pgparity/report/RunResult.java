package io.pgparity.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.audit.AuditReport;
import io.pgparity.config.Shard;
import io.pgparity.connect.Both;
import io.pgparity.connect.ServerInfo;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything summary.json and report.md say about one run. {@code servers} holds null on a side the
 * run did not get to read; {@code replication} and {@code audit} (the run's replication audit) are
 * null when the run did not get that far; {@code resumed} is null unless the run continued a
 * stopped one.
 */
public record RunResult(
    Identity run,
    Path runFolder,
    Status status,
    Instant startedAt,
    Instant finishedAt,
    Both<ServerInfo> servers,
    List<TableResult> tables,
    ReplicationSummary replication,
    Sharding sharding,
    Resumption resumed,
    AuditReport audit) {

  public RunResult {
    checkNotNull(run, "run");
    checkNotNull(status, "status");
    checkNotNull(startedAt, "startedAt");
    checkNotNull(finishedAt, "finishedAt");
    checkNotNull(servers, "servers");
    checkNotNull(sharding, "sharding");
    tables = List.copyOf(tables);
  }

  /** Rows read on the primary side across all tables. */
  public long rowsCompared() {
    return tables.stream().mapToLong(t -> t.rows().rowsPrimary()).sum();
  }

  /** The replication audit's findings; zero without an audit. */
  public int auditFindings() {
    return audit == null ? 0 : audit.findings().size();
  }

  /** Divergent rows across all tables. */
  public long divergentRows() {
    return tables.stream().mapToLong(TableResult::divergentRows).sum();
  }

  /**
   * Which pgparity version ran which job, and the run's id (its folder's name, or "none" without a
   * folder).
   */
  public record Identity(String version, String job, String runId) {
    public Identity {
      checkNotNull(job, "no job");
      checkNotNull(runId, "no runId");
    }
  }

  /**
   * Where the run stands in a sharded check: {@code shard} is the share this run compared (null if
   * not sharded); {@code shards} lists the run ids a merged run was joined from (empty unless
   * merged).
   */
  public record Sharding(Shard shard, List<String> shards) {

    /** A run over every row, neither a shard nor merged. */
    public static final Sharding NONE = new Sharding(null, List.of());

    public Sharding {
      shards = shards == null ? List.of() : List.copyOf(shards);
      checkArgument(
          shard == null || shards.isEmpty(), "a run is either one shard or merged from shards");
    }

    /** The run of {@code shard}, or of every row when it is null. */
    public static Sharding of(Shard shard) {
      return shard == null ? NONE : new Sharding(shard, List.of());
    }

    /** A run merged from the runs {@code runIds}. */
    public static Sharding merged(List<String> runIds) {
      return new Sharding(null, runIds);
    }
  }
}
