package io.pgparity.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.audit.AuditReport;
import io.pgparity.config.Shard;
import io.pgparity.connect.Both;
import io.pgparity.connect.ServerInfo;
import io.pgparity.finding.SchemaFinding;
import io.pgparity.sequence.SequenceResult;
import io.pgparity.table.LeftOutTable;
import io.pgparity.table.TableRef;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything summary.json and report.md say about one run. {@code servers} holds null on a side the
 * run did not get to read; {@code replication} and {@code audit} (the run's replication audit) are
 * null when the run did not get that far; {@code resumed} is null unless the run continued a
 * stopped one. {@code leftOut} lists the tables the selection matched but the run did not compare,
 * with why; {@code schemaFindings} the schema differences, database-wide ones (table null) and
 * table-level ones alike; {@code sequences} every sequence compared; {@code note} (nullable) says
 * what limits the whole run, e.g. that a physical standby shares the primary's catalog so only
 * collation versions were compared. A DIVERGENT finding or a divergent sequence makes the run
 * DIVERGENT exactly as a divergent row does: a status of CONSISTENT with one is refused.
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
    AuditReport audit,
    List<LeftOutTable> leftOut,
    List<SchemaFinding> schemaFindings,
    List<SequenceResult> sequences,
    String note) {

  public RunResult {
    checkNotNull(run, "run");
    checkNotNull(status, "status");
    checkNotNull(startedAt, "startedAt");
    checkNotNull(finishedAt, "finishedAt");
    checkNotNull(servers, "servers");
    checkNotNull(sharding, "sharding");
    tables = List.copyOf(tables);
    leftOut = leftOut == null ? List.of() : List.copyOf(leftOut);
    schemaFindings = schemaFindings == null ? List.of() : List.copyOf(schemaFindings);
    sequences = sequences == null ? List.of() : List.copyOf(sequences);
    note = note == null || note.isBlank() ? null : note;
    // the fields are not assigned yet: the check reads the parameters
    checkArgument(
        status != Status.CONSISTENT || status(status, schemaFindings, sequences) == status,
        "a run with a DIVERGENT schema finding or a divergent sequence is not CONSISTENT");
  }

  /** A run without left-out tables, schema findings, sequences or note: the shape before them. */
  public RunResult(
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
    this(
        run,
        runFolder,
        status,
        startedAt,
        finishedAt,
        servers,
        tables,
        replication,
        sharding,
        resumed,
        audit,
        List.of(),
        List.of(),
        List.of(),
        null);
  }

  /**
   * The run's status from its tables' worst one: a DIVERGENT schema finding or a divergent sequence
   * makes a run whose rows agree DIVERGENT (a failover to that replica changes behaviour or repeats
   * keys); ADVISORY findings and sequences that are only ahead do not.
   */
  public static Status status(
      Status tables, List<SchemaFinding> schemaFindings, List<SequenceResult> sequences) {
    boolean divergent =
        schemaFindings.stream().anyMatch(SchemaFinding::divergent)
            || sequences.stream().anyMatch(SequenceResult::divergent);
    return divergent ? tables.worst(Status.DIVERGENT) : tables;
  }

  /** The same run with another status, as a merge or a failure re-judges it. */
  public RunResult withStatus(Status newStatus) {
    return new RunResult(
        run,
        runFolder,
        newStatus,
        startedAt,
        finishedAt,
        servers,
        tables,
        replication,
        sharding,
        resumed,
        audit,
        leftOut,
        schemaFindings,
        sequences,
        note);
  }

  /** Schema findings of severity DIVERGENT, database-wide and table-level. */
  public long divergentFindings() {
    return schemaFindings.stream().filter(SchemaFinding::divergent).count();
  }

  /** Sequences whose state makes the run DIVERGENT. */
  public long divergentSequences() {
    return sequences.stream().filter(SequenceResult::divergent).count();
  }

  /** Tables with at least one divergent row, or a schema finding of their own. */
  public long divergedTables() {
    return tables.stream().filter(this::diverged).count();
  }

  /**
   * Whether {@code t} diverged: rows differ, its status is DIVERGENT, or a schema finding names it.
   */
  public boolean diverged(TableResult t) {
    return t.divergentRows() > 0
        || t.status() == Status.DIVERGENT
        || !t.schemaFindings().isEmpty()
        || schemaFindings.stream().anyMatch(f -> t.table().equals(f.table()));
  }

  /** Whether a report shows {@code t} in detail: it diverged or was not fully compared. */
  public boolean hasDifferences(TableResult t) {
    return diverged(t) || t.status() == Status.INCOMPLETE || t.status() == Status.FAILED;
  }

  /** The table-level schema findings by table, in the order they were found. */
  public Map<TableRef, List<SchemaFinding>> findingsByTable() {
    Map<TableRef, List<SchemaFinding>> byTable = new LinkedHashMap<>();
    for (SchemaFinding f : schemaFindings) {
      if (!f.databaseWide()) {
        byTable.computeIfAbsent(f.table(), t -> new ArrayList<>()).add(f);
      }
    }
    return byTable;
  }

  /** Rows read on the primary side across all tables. */
  public long rowsCompared() {
    return tables.stream().mapToLong(t -> t.rows().rowsPrimary()).sum();
  }

  /** The replication audit's findings; zero without an audit. */
  public int auditFindings() {
    return audit == null ? 0 : audit.findings().size();
  }

  /**
   * The tables left out whose rows no comparison covers: all left-out tables but the partitioned
   * ones, whose rows their partitions carry.
   */
  public long tablesNotCompared() {
    return leftOut.stream()
        .filter(t -> t.reason() != io.pgparity.table.LeftOutReason.COMPARED_THROUGH_PARTITIONS)
        .count();
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
