package io.pgparity.job;

import io.pgparity.audit.AuditReport;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.connect.Both;
import io.pgparity.connect.ServerInfo;
import io.pgparity.connect.ServerPair;
import io.pgparity.guard.RunStop;
import io.pgparity.live.CatchUp;
import io.pgparity.live.LagThrottle;
import io.pgparity.live.Lsn;
import io.pgparity.live.ReplicaWatch;
import io.pgparity.live.ReplicationLink;
import io.pgparity.mask.Masker;
import io.pgparity.repair.RepairInput;
import io.pgparity.report.DivergenceWriter;
import io.pgparity.report.Resumption;
import io.pgparity.report.RunFolder;
import io.pgparity.report.RunResult;
import java.time.Instant;
import java.util.List;

/**
 * The state of the one verify run this process executes, shared by its steps: the definition, the
 * open server pair, the run folder and divergence files, and each table's {@link TableState}.
 * Created per launch; the steps fill it in order (plan, hash, diff, report).
 */
final class RunLedger implements AutoCloseable {

  final JobDefinition definition;
  final Instant startedAt;
  final List<TableState> tables;
  volatile ServerPair pair;
  /** Waits for the replica; none until the replication link is known. */
  volatile CatchUp catchUp = CatchUp.none();
  /** What the replica is to the primary; set by planRanges. */
  volatile ReplicationLink link;
  volatile ReplicaWatch watch;
  volatile LagThrottle throttle;
  volatile RunPacer pacer;
  volatile ProgressLog progressLog;
  volatile ServerInfo primaryInfo;
  volatile ServerInfo replicaInfo;
  /** Both servers' WAL positions right after connecting, for manifest.json. */
  volatile Both<Lsn> walAtStart;
  volatile RunFolder folder;
  volatile DivergenceWriter divergences;
  /** Makes the reported copy of each divergence; set by planRanges, keyed once per run. */
  volatile Masker masker = Masker.NONE;
  /** The run's replication audit; set by auditReplication, null before. */
  volatile AuditReport audit;
  volatile RunResult result;
  /** Set by the launcher for verify --repair-sql: keep unmasked divergences and write repair.sql. */
  volatile boolean repairSql;
  volatile RepairInput repairInput;
  /** Set by the launcher when this run continues a stopped one; null for a fresh run. */
  volatile PreviousRun previous;
  /** What a resumed run took over from the previous one; set before hashing. */
  volatile Resumption resumption;
  /** Set by the launcher: max-runtime and SIGTERM stop the run from starting new work. */
  volatile RunStop stop = RunStop.never();

  RunLedger(JobDefinition definition, Instant startedAt) {
    this.definition = definition;
    this.startedAt = startedAt;
    long budget = definition.tuning().maxDivergences();
    this.tables = definition.tables().stream().map((TableSpec spec) -> new TableState(spec, budget)).toList();
  }

  TableState table(int index) {
    return tables.get(index);
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
