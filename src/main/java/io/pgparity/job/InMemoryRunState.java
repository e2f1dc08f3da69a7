package io.pgparity.job;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import io.pgparity.audit.AuditReport;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.connect.Both;
import io.pgparity.connect.ServerInfo;
import io.pgparity.connect.ServerPair;
import io.pgparity.finding.SchemaFinding;
import io.pgparity.live.CatchUp;
import io.pgparity.live.LagThrottle;
import io.pgparity.live.Lsn;
import io.pgparity.live.ReplicaWatch;
import io.pgparity.live.ReplicationLink;
import io.pgparity.mask.Masker;
import io.pgparity.progress.ProgressLog;
import io.pgparity.repair.RepairInput;
import io.pgparity.report.DivergenceWriter;
import io.pgparity.report.Resumption;
import io.pgparity.report.RunFolder;
import io.pgparity.report.RunResult;
import io.pgparity.sequence.SequenceOutcome;
import io.pgparity.table.LeftOutTable;
import java.time.Instant;
import java.util.List;

/**
 * The part of one job execution's state that cannot live in its ExecutionContext: open connections
 * and files, the live replica watchers, and each table's sums and tallies (too many, and added to
 * by every partition, for the job repository). A job-scoped bean: created when the execution first
 * needs it, closed when it ends, after the job listener wrote its reports; nothing of it survives
 * the process. What a restart needs is in the ExecutionContext instead: the plan (planRanges'
 * context, promoted to the job's) and the sums of each completed hash partition (its own context).
 *
 * <p>Each field has one writer, which sets it once; its javadoc names the writer, the readers and
 * what a restart does with it. Read through methods only: the bean is a job-scoped proxy (hence not
 * final), which the compare threads reach as they run inside the job execution (see
 * VerifyJobConfiguration). Callers take what they need once per partition, never per range or row.
 */
class InMemoryRunState implements AutoCloseable {

  /**
   * Each table's plan, ranges, sums and diff tallies (see {@link TableState} for which step writes
   * which). Built here from the job's exact tables; replaced once by planRanges with the tables
   * discovery chose ({@link #chosen}). Restart: discovered again, then planRanges takes the ranges
   * over from the saved plan; {@link ResumedHashPartitions} adds the sums of the partitions the
   * stopped run completed.
   */
  private volatile List<TableState> tables;

  private volatile boolean chosen;

  private final long divergenceBudget;

  /**
   * When this execution started: names the run folder and is the reports' start time. Written here;
   * read by planRanges and the reports. Restart: a new execution has its own.
   */
  private final Instant startedAt;

  /**
   * Writer planRanges, first of all so that close() closes it; readers every step. Restart: opened
   * again.
   */
  private volatile ServerPair pair;

  /** Writer planRanges; readers the reports and manifest.json. Restart: read again. */
  private volatile Servers servers;

  /**
   * Writer planRanges; readers the hash and diff workers and the reports. Restart: probed again.
   */
  private volatile Replication replication;

  /**
   * Makes the reported copy of each divergence. Writer planRanges; reader the diff workers.
   * Restart: made again.
   */
  private volatile Masker masker = Masker.NONE;

  /**
   * Writer planRanges, once every table is valid; readers the diff partitioner, the reports and the
   * job listener (no folder: the run failed before it had one). Restart: a new folder; the job
   * ExecutionContext keeps its id ({@link ContextKeys#RUN_ID}).
   */
  private volatile RunFolder folder;

  /**
   * Writer planRanges; readers the hashRanges listener and the reports, which close it. Restart:
   * started again.
   */
  private volatile ProgressLog progressLog;

  /**
   * Writer planRanges; readers the diff workers and the reports, which close it. Restart: a new
   * file.
   */
  private volatile DivergenceWriter divergences;

  /**
   * Only for --repair-sql. Writer planRanges; readers the diff workers and the reports. Restart: a
   * new file.
   */
  private volatile RepairInput repairInput;

  /** Writer auditReplication; reader the reports. Restart: audited again. */
  private volatile AuditReport audit;

  /**
   * Differences of the schema objects (constraints, indexes, triggers, ...). Writer
   * compareSchemaObjects; reader the reports. Restart: compared again.
   */
  private volatile SchemaObjects schemaObjects;

  /**
   * Each sequence of the run's scope on both sides. Writer compareSequences; reader the reports.
   * Restart: compared again.
   */
  private volatile SequenceOutcome sequences;

  /**
   * Why the sequences could not be compared (the replica stalled), or null. Writer
   * compareSequences; reader the reports, which make the run INCOMPLETE. Restart: compared again.
   */
  private volatile String sequencesIncomplete;

  /**
   * Tables the selection matched but the run does not compare, and why. Writer planRanges (with
   * {@link #chosen}); reader the reports and job.json. Restart: found again.
   */
  private volatile List<LeftOutTable> leftOut = List.of();

  /**
   * Whether small tables share hash queries ({@link HashUnit}). Writer planRanges; readers the hash
   * partitioner and {@link ResumedHashPartitions}. Restart: taken over from the resumed run.
   */
  private volatile Boolean batching;

  /**
   * What a resumed run took over. Writer {@link ResumedHashPartitions} (before hashRanges of a
   * restart); reader the reports; null for a fresh run.
   */
  private volatile Resumption resumption;

  /**
   * Writer writeReports; reader the job listener, which turns it into the outcome. Null until then.
   */
  private volatile RunResult result;

  /**
   * The servers as planRanges found them: both servers' facts and WAL positions right after
   * connecting.
   */
  record Servers(ServerInfo primary, ServerInfo replica, Both<Lsn> walAtStart) {

    Servers {
      checkNotNull(primary, "primary");
      checkNotNull(replica, "replica");
      checkNotNull(walAtStart, "walAtStart");
    }
  }

  /** What the replica is to the primary, and the run's waiting for it, pausing and pacing. */
  record Replication(
      ReplicationLink link, ReplicaWatch watch, LagThrottle throttle, RunPacer pacer) {

    Replication {
      checkNotNull(link, "link");
      checkNotNull(watch, "watch");
      checkNotNull(throttle, "throttle");
      checkNotNull(pacer, "pacer");
    }
  }

  InMemoryRunState(JobDefinition definition, Instant startedAt) {
    this.startedAt = checkNotNull(startedAt, "startedAt");
    this.divergenceBudget = definition.tuning().maxDivergences();
    this.tables = tableStates(definition.tables());
  }

  List<TableState> tables() {
    return tables;
  }

  /** The tables discovery chose, in place of the job's exact ones, and those it left out. */
  void chosen(List<TableSpec> tables, List<LeftOutTable> leftOut) {
    checkState(!chosen, "the tables are chosen once per run");
    chosen = true;
    this.tables = tableStates(tables);
    this.leftOut = List.copyOf(leftOut);
  }

  private List<TableState> tableStates(List<TableSpec> specs) {
    return specs.stream().map(spec -> new TableState(spec, divergenceBudget)).toList();
  }

  TableState table(int index) {
    return tables.get(index);
  }

  Instant startedAt() {
    return startedAt;
  }

  ServerPair pair() {
    return pair;
  }

  void pair(ServerPair pair) {
    checkState(this.pair == null, "the servers are opened once per run");
    this.pair = checkNotNull(pair, "pair");
  }

  /** Null until planRanges has connected. */
  Servers servers() {
    return servers;
  }

  void servers(Servers servers) {
    checkState(this.servers == null, "the servers are read once per run");
    this.servers = checkNotNull(servers, "servers");
  }

  /** Null until planRanges has probed the replica. */
  Replication replication() {
    return replication;
  }

  void replication(Replication replication) {
    checkState(this.replication == null, "the replica is probed once per run");
    this.replication = checkNotNull(replication, "replication");
  }

  /** Waits for the replica; none until the replication link is known. */
  CatchUp catchUp() {
    Replication r = replication;
    return r == null ? CatchUp.none() : r.watch();
  }

  Masker masker() {
    return masker;
  }

  void masker(Masker masker) {
    checkState(this.masker == Masker.NONE, "a run has one masker");
    this.masker = checkNotNull(masker, "masker");
  }

  /** Null until planRanges has created it. */
  RunFolder folder() {
    return folder;
  }

  void folder(RunFolder folder) {
    checkState(this.folder == null, "a run has one folder");
    this.folder = checkNotNull(folder, "folder");
  }

  ProgressLog progressLog() {
    return progressLog;
  }

  void progressLog(ProgressLog progressLog) {
    checkState(this.progressLog == null, "a run has one progress log");
    this.progressLog = checkNotNull(progressLog, "progressLog");
  }

  DivergenceWriter divergences() {
    return divergences;
  }

  void divergences(DivergenceWriter divergences) {
    checkState(this.divergences == null, "a run has one divergence writer");
    this.divergences = checkNotNull(divergences, "divergences");
  }

  /** Null unless the run writes repair.sql. */
  RepairInput repairInput() {
    return repairInput;
  }

  void repairInput(RepairInput repairInput) {
    checkState(this.repairInput == null, "a run has one repair input");
    this.repairInput = checkNotNull(repairInput, "repairInput");
  }

  AuditReport audit() {
    return audit;
  }

  /** The schema objects' differences and what the reports say of them; null until compared. */
  record SchemaObjects(List<SchemaFinding> findings, String note) {

    SchemaObjects {
      findings = List.copyOf(findings);
    }
  }

  SchemaObjects schemaObjects() {
    return schemaObjects;
  }

  void schemaObjects(SchemaObjects schemaObjects) {
    checkState(this.schemaObjects == null, "a run compares schema objects once");
    this.schemaObjects = checkNotNull(schemaObjects, "schemaObjects");
  }

  String sequencesIncomplete() {
    return sequencesIncomplete;
  }

  void sequencesIncomplete(String reason) {
    checkState(this.sequences == null && this.sequencesIncomplete == null, "sequences judged once");
    this.sequencesIncomplete = checkNotNull(reason, "reason");
  }

  SequenceOutcome sequences() {
    return sequences;
  }

  void sequences(SequenceOutcome sequences) {
    checkState(this.sequences == null, "a run compares sequences once");
    this.sequences = checkNotNull(sequences, "sequences");
  }

  boolean batching() {
    checkState(batching != null, "planRanges decides the batching first");
    return batching;
  }

  void batching(boolean batching) {
    checkState(this.batching == null, "a run decides its batching once");
    this.batching = batching;
  }

  List<LeftOutTable> leftOut() {
    return leftOut;
  }

  void audit(AuditReport audit) {
    checkState(this.audit == null, "a run is audited once");
    this.audit = checkNotNull(audit, "audit");
  }

  Resumption resumption() {
    return resumption;
  }

  void resumption(Resumption resumption) {
    checkState(this.resumption == null, "a run resumes once");
    this.resumption = checkNotNull(resumption, "resumption");
  }

  RunResult result() {
    return result;
  }

  void result(RunResult result) {
    checkState(this.result == null, "a run has one result");
    this.result = checkNotNull(result, "result");
  }

  @Override
  public void close() {
    if (progressLog != null) {
      progressLog.close();
    }
    if (divergences != null) {
      divergences.close();
    }
    if (repairInput != null) {
      repairInput.close();
    }
    if (pair != null) {
      pair.close();
    }
  }
}
