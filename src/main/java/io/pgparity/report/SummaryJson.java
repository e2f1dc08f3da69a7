package io.pgparity.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.pgparity.config.Shard;
import io.pgparity.connect.Both;
import io.pgparity.connect.ServerInfo;
import io.pgparity.finding.FindingSeverity;
import io.pgparity.finding.ObjectKind;
import io.pgparity.finding.SchemaFinding;
import io.pgparity.live.ReplicaKind;
import io.pgparity.sequence.SequenceResult;
import io.pgparity.sequence.SequenceStatus;
import io.pgparity.table.LeftOutReason;
import io.pgparity.table.LeftOutTable;
import io.pgparity.table.TableRef;
import io.pgparity.verdict.Status;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * summary.json, the machine-readable result of a run: the one schema its writer ({@link
 * SummaryJsonWriter}) and its readers (pgparity merge) share. Field names and order are a contract
 * with the tools that parse it; components are written in their order ({@link RunFileJson}), the
 * {@code @JsonUnwrapped} groups as fields of the enclosing object. {@code shard} is written only
 * for a sharded run, {@code shards} only for a merged one and the resume fields only for a resumed
 * one, so other summaries keep their shape; every other null is written as null. The groups the
 * result records already have ({@link RunResult.Identity}, a table's {@link TableResult.Rows},
 * {@link TableResult.Differences} and {@link TableResult.Rechecks}) are used as they are, not
 * copied. Every table is named as {@link TableRef#unambiguous()} writes it (a plain name bare, any
 * other part double-quoted), so no two tables read alike; {@link #tableRef} reads both that and the
 * unquoted {@code schema.table} of older summaries.
 */
public record SummaryJson(
    String tool,
    @JsonUnwrapped RunResult.Identity run,
    @JsonInclude(JsonInclude.Include.NON_NULL) Shard shard,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> shards,
    Status status,
    Instant startedAt,
    Instant finishedAt,
    @JsonUnwrapped Resumed resumed,
    ServerInfo primary,
    ServerInfo replica,
    Replication replication,
    String note,
    List<Table> tables,
    List<LeftOut> leftOut,
    List<Finding> schemaFindings,
    List<Sequence> sequences,
    Totals totals,
    JsonNode audit) {

  /** The file name inside a run folder. */
  public static final String FILE_NAME = "summary.json";

  /** What {@code tool} says in every summary. */
  public static final String TOOL = "pgparity";

  public SummaryJson {
    checkNotNull(run, "no version, job or runId");
    checkNotNull(status, "no status");
    checkNotNull(startedAt, "no startedAt");
    checkNotNull(finishedAt, "no finishedAt");
    checkNotNull(tables, "no tables");
    shards = shards == null ? List.of() : List.copyOf(shards);
    tables = List.copyOf(tables);
    // summaries written before these sections read back as empty ones
    leftOut = leftOut == null ? List.of() : List.copyOf(leftOut);
    schemaFindings = schemaFindings == null ? List.of() : List.copyOf(schemaFindings);
    sequences = sequences == null ? List.of() : List.copyOf(sequences);
    // a summary that was not resumed reads back as an all-null group; it is no resumption
    resumed = resumed == null || resumed.resumedFrom() == null ? null : resumed;
    // "audit": null reads as a null node; it is no audit
    audit = audit == null || audit.isNull() ? null : audit;
  }

  /** The summary of {@code result}. */
  public static SummaryJson of(RunResult result) {
    List<Table> tables = result.tables().stream().map(Table::of).toList();
    Totals totals =
        new Totals(
            result.rowsCompared(),
            result.divergentRows(),
            result.tables().stream().mapToLong(t -> t.rechecks().converged()).sum(),
            result.tables().stream().mapToLong(t -> t.rechecks().unstable()).sum(),
            result.tables().size(),
            result.divergedTables(),
            result.tablesNotCompared(),
            result.divergentFindings(),
            result.divergentSequences());
    Resumption r = result.resumed();
    return new SummaryJson(
        TOOL,
        result.run(),
        result.sharding().shard(),
        result.sharding().shards(),
        result.status(),
        result.startedAt(),
        result.finishedAt(),
        r == null ? null : new Resumed(r.fromRunId(), r.reusedPartitions(), r.partitions()),
        result.servers().primary(),
        result.servers().replica(),
        Replication.of(result.replication()),
        result.note(),
        tables,
        result.leftOut().stream().map(LeftOut::of).toList(),
        result.schemaFindings().stream().map(Finding::of).toList(),
        result.sequences().stream().map(Sequence::of).toList(),
        totals,
        // audit.json's own tree, so a tool reads one format whether the audit ran alone or in
        // verify
        result.audit() == null ? null : result.audit().json());
  }

  /**
   * Reads a run folder's summary.json; a JacksonException or IllegalArgumentException says what is
   * wrong.
   */
  public static SummaryJson read(Path file) {
    return RunFileJson.MAPPER.readValue(file.toFile(), SummaryJson.class);
  }

  /**
   * Only the sequences a run's summary.json records (none when it records none, as files written
   * before sequences were compared): what repair needs, read without the rest of the file, so a
   * summary repair does not otherwise read cannot stop it.
   */
  public static List<SequenceResult> sequences(Path file) {
    JsonNode node = RunFileJson.MAPPER.readTree(file.toFile()).get("sequences");
    if (node == null || node.isNull()) {
      return List.of();
    }
    List<SequenceResult> sequences = new ArrayList<>();
    for (JsonNode entry : node) {
      sequences.add(RunFileJson.MAPPER.treeToValue(entry, Sequence.class).result());
    }
    return sequences;
  }

  /**
   * The run as far as summary.json records it, in {@code folder} and with {@code shard}: neither
   * the key-space strips, nor the resumption, nor the audit's parsed report; left-out tables,
   * schema findings, sequences and the note come back as written.
   */
  public RunResult result(Path folder, Shard shard) {
    return new RunResult(
        run,
        folder,
        status,
        startedAt,
        finishedAt,
        new Both<>(primary, replica),
        tables.stream().map(Table::result).toList(),
        replication == null ? null : replication.summary(),
        RunResult.Sharding.of(shard),
        null,
        null,
        leftOut.stream().map(LeftOut::result).toList(),
        schemaFindings.stream().map(Finding::result).toList(),
        sequences.stream().map(Sequence::result).toList(),
        note);
  }

  /**
   * The TableRef of a table as run files write it: {@link TableRef#unambiguous()}'s text, read back
   * as SQL reads it. Files written before it hold {@code schema.table} unquoted; text that does not
   * read back to itself is such a name, split at its first dot (which gives back the same text, all
   * a merge of old files needs).
   */
  public static TableRef tableRef(String text) {
    checkArgument(text != null, "no table");
    try {
      TableRef quoted = TableRef.parse(text);
      if (quoted.unambiguous().equals(text)) {
        return quoted;
      }
    } catch (IllegalArgumentException e) {
      // not a name in the current form; an older file's
    }
    int dot = text.indexOf('.');
    checkArgument(dot > 0 && dot < text.length() - 1, "table '%s' is not schema.table", text);
    return new TableRef(text.substring(0, dot), text.substring(dot + 1));
  }

  /** The text of a nullable table in a run file: {@link TableRef#unambiguous()}, or null. */
  static String name(TableRef table) {
    return table == null ? null : table.unambiguous();
  }

  /** Seconds with exactly three decimals, as every duration in summary.json is written. */
  static BigDecimal seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis())
        .movePointLeft(3)
        .setScale(3, RoundingMode.HALF_UP);
  }

  private static Duration duration(BigDecimal seconds, String field) {
    checkNotNull(seconds, "no %s", field);
    return Duration.ofMillis(seconds.movePointRight(3).longValue());
  }

  /** The run this one continued and how many of its hash partitions it took over. */
  public record Resumed(String resumedFrom, Integer reusedHashPartitions, Integer hashPartitions) {}

  /** What the run saw of replication ({@link ReplicationSummary}), durations in seconds. */
  public record Replication(
      String kind,
      String detail,
      boolean lagAware,
      long waits,
      BigDecimal longestWaitSeconds,
      BigDecimal totalWaitSeconds,
      long largestLagBytes,
      long lagPauses,
      BigDecimal pausedSeconds,
      BigDecimal rateLimitedSeconds,
      long retries) {

    public Replication {
      checkNotNull(kind, "no kind");
    }

    static Replication of(ReplicationSummary r) {
      return r == null
          ? null
          : new Replication(
              r.kind(),
              r.detail(),
              r.lagAware(),
              r.waits(),
              seconds(r.longestWait()),
              seconds(r.totalWait()),
              r.largestLagBytes(),
              r.pauses(),
              seconds(r.paused()),
              seconds(r.rateThrottled()),
              r.retries());
    }

    /** The summary again; the description is not written, so it comes from the kind. */
    ReplicationSummary summary() {
      return new ReplicationSummary(
          kind,
          ReplicaKind.valueOf(kind).description(),
          detail,
          lagAware,
          waits,
          duration(longestWaitSeconds, "longestWaitSeconds"),
          duration(totalWaitSeconds, "totalWaitSeconds"),
          largestLagBytes,
          lagPauses,
          duration(pausedSeconds, "pausedSeconds"),
          duration(rateLimitedSeconds, "rateLimitedSeconds"),
          retries);
    }
  }

  /**
   * One table's outcome ({@link TableResult}); {@code seconds} is null when not finite (JSON has no
   * NaN; null is what a parser can still read).
   */
  public record Table(
      String table,
      List<String> key,
      List<String> columns,
      @JsonUnwrapped TableResult.Rows rows,
      @JsonUnwrapped TableResult.Differences differences,
      @JsonUnwrapped TableResult.Rechecks rechecks,
      List<String> schemaFindings,
      Status status,
      BigDecimal seconds,
      String note) {

    public Table {
      checkNotNull(table, "no table");
      checkNotNull(key, "no key in %s", table);
      checkNotNull(columns, "no columns in %s", table);
      checkNotNull(schemaFindings, "no schemaFindings in %s", table);
      checkNotNull(status, "no status in %s", table);
      key = List.copyOf(key);
      columns = List.copyOf(columns);
      schemaFindings = List.copyOf(schemaFindings);
    }

    static Table of(TableResult t) {
      return new Table(
          t.table().unambiguous(),
          t.key(),
          t.columns(),
          t.rows(),
          t.differences(),
          t.rechecks(),
          t.schemaFindings(),
          t.status(),
          Double.isFinite(t.seconds())
              ? BigDecimal.valueOf(t.seconds()).setScale(3, RoundingMode.HALF_UP)
              : null,
          t.note());
    }

    TableResult result() {
      return new TableResult(
          tableRef(table),
          key,
          columns,
          rows,
          differences,
          schemaFindings,
          status,
          seconds == null ? Double.NaN : seconds.doubleValue(),
          note,
          rechecks,
          null);
    }
  }

  /**
   * A table the selection matched but the run did not compare ({@link LeftOutTable}); {@code
   * detail} may be null.
   */
  public record LeftOut(String table, LeftOutReason reason, String detail) {

    public LeftOut {
      checkNotNull(table, "no table in leftOut");
      checkNotNull(reason, "no reason for %s in leftOut", table);
    }

    static LeftOut of(LeftOutTable t) {
      return new LeftOut(t.table().unambiguous(), t.reason(), t.detail());
    }

    LeftOutTable result() {
      return new LeftOutTable(tableRef(table), reason, detail);
    }
  }

  /** A schema finding ({@link SchemaFinding}); {@code table} is null for a database-wide one. */
  public record Finding(
      String table, ObjectKind kind, String object, FindingSeverity severity, String message) {

    static Finding of(SchemaFinding f) {
      return new Finding(name(f.table()), f.kind(), f.object(), f.severity(), f.message());
    }

    SchemaFinding result() {
      return new SchemaFinding(
          table == null ? null : tableRef(table), kind, object, severity, message);
    }
  }

  /**
   * A sequence compared ({@link SequenceResult}); the owner is a table and a column, both null for
   * a sequence no column owns.
   */
  public record Sequence(
      String sequence,
      Long primaryValue,
      Long replicaValue,
      String ownerTable,
      String ownerColumn,
      Long replicaColumnMax,
      SequenceStatus status,
      boolean descending,
      String reason) {

    static Sequence of(SequenceResult s) {
      return new Sequence(
          s.sequence().unambiguous(),
          s.primaryValue(),
          s.replicaValue(),
          name(s.ownerTable()),
          s.ownerColumn(),
          s.replicaColumnMax(),
          s.status(),
          s.descending(),
          s.reason());
    }

    public SequenceResult result() {
      checkNotNull(sequence, "no sequence in sequences");
      return new SequenceResult(
          tableRef(sequence),
          primaryValue,
          replicaValue,
          ownerTable == null ? null : tableRef(ownerTable),
          ownerColumn,
          replicaColumnMax,
          status,
          descending,
          reason);
    }
  }

  /**
   * Sums over all tables: rows, and how many tables were compared, diverged (rows or a schema
   * finding of their own) and left out; schema findings and sequences that make the run DIVERGENT.
   */
  public record Totals(
      long rowsCompared,
      long divergentRows,
      long convergedRows,
      long unstableRows,
      long tablesCompared,
      long tablesDiverged,
      long tablesLeftOut,
      long divergentSchemaFindings,
      long divergentSequences) {}
}
