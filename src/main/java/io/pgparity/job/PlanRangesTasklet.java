package io.pgparity.job;

import io.pgparity.catalog.TablePlan;
import io.pgparity.catalog.TablePlanner;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.LiveTuning;
import io.pgparity.config.TableSpec;
import io.pgparity.connect.Both;
import io.pgparity.connect.ServerInfo;
import io.pgparity.connect.ServerInfoReader;
import io.pgparity.connect.ServerPair;
import io.pgparity.connect.Side;
import io.pgparity.discovery.CatalogSnapshot;
import io.pgparity.discovery.DiscoveredTable;
import io.pgparity.discovery.Discovery;
import io.pgparity.discovery.RelationListing;
import io.pgparity.discovery.TableDiscovery;
import io.pgparity.hashing.RowHashSql;
import io.pgparity.keyspace.RangePlanner;
import io.pgparity.keyspace.SampleMethod;
import io.pgparity.live.LagThrottle;
import io.pgparity.live.ReplicaWatch;
import io.pgparity.live.ReplicationLink;
import io.pgparity.live.ReplicationProbe;
import io.pgparity.live.RowRate;
import io.pgparity.mask.Masker;
import io.pgparity.progress.ProgressLog;
import io.pgparity.progress.TableProgress;
import io.pgparity.repair.RepairInput;
import io.pgparity.report.DivergenceWriter;
import io.pgparity.report.JobJsonWriter;
import io.pgparity.report.RunFolder;
import io.pgparity.shard.ShardFilter;
import io.pgparity.table.LeftOutReason;
import io.pgparity.table.TableRef;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step planRanges: connects to both servers, reconciles each table's catalogs, and chooses each
 * table's range boundaries and heap slices. It leaves the plan ({@link SavedPlan#KEY}) and the run
 * folder's id ({@link ContextKeys#RUN_ID}) in its step execution context, which promotes them to
 * the job's (see VerifyJobConfiguration): Spring Batch restores that context when it restarts the
 * job execution, and a resumed run takes the plan over from it ({@code savedPlans}). Only once
 * every table is valid does it create the run folder, so a configuration mistake leaves no partial
 * output behind. The open servers, files and watchers go to the {@link InMemoryRunState}.
 */
final class PlanRangesTasklet implements Tasklet {

  private static final Logger log = LoggerFactory.getLogger(PlanRangesTasklet.class);

  /**
   * A table of at most this many chunks of rows (by the statistics, or of unknown count when its
   * heap is small) is one range, hashed with its neighbours: should it differ, one split of the
   * narrower (32 parts) brings it to ranges of half a chunk, so planned ranges would save at most
   * one query there, while planning them costs a sampling query per table.
   */
  static final long SMALL_TABLE_CHUNKS = 16;

  private final InMemoryRunState state;
  private final JobDefinition definition;
  private final LaunchOptions options;

  /**
   * The plan of the run this one restarts, as the restored job context holds it; null for a fresh
   * run.
   */
  private final String savedPlans;

  /** Whether the run this one restarts batched small tables; null for a fresh run. */
  private final Boolean savedBatching;

  PlanRangesTasklet(
      InMemoryRunState state,
      JobDefinition definition,
      LaunchOptions options,
      String savedPlans,
      Boolean savedBatching) {
    this.state = state;
    this.definition = definition;
    this.options = options;
    this.savedPlans = savedPlans;
    this.savedBatching = savedBatching;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext)
      throws Exception {
    ServerPair pair = ServerPair.open(definition);
    state.pair(pair);
    ServerInfo primaryInfo =
        pair.on(
            Side.PRIMARY,
            "primary",
            (c, s) ->
                ServerInfoReader.read(
                    pair.pool(s), ServerInfoReader.host(definition.primary().url())));
    ServerInfo replicaInfo =
        pair.on(
            Side.REPLICA,
            "replica",
            (c, s) ->
                ServerInfoReader.read(
                    pair.pool(s), ServerInfoReader.host(definition.replica().url())));
    state.servers(
        new InMemoryRunState.Servers(primaryInfo, replicaInfo, RunEvidence.walPositions(pair)));
    Discovery discovery = discover(pair);
    state.chosen(discovery.tables(), discovery.leftOut());
    List<TableRef> chosen = discovery.tables().stream().map(TableSpec::table).toList();
    // one catalog read per side for all tables: a thousand tables read one by one took seconds
    Both<CatalogSnapshot> catalogs =
        pair.onBoth("catalog", (c, s) -> CatalogSnapshot.read(c, chosen));
    for (TableState table : state.tables()) {
      TableRef name = table.spec.table();
      table.plan =
          TablePlanner.plan(
              table.spec,
              catalogs.primary().schema(name),
              catalogs.replica().schema(name),
              RowHashSql::rowHash);
      if (definition.shard() != null) {
        // every query of the table applies the plan's filter on both sides, so this is all a shard
        // needs
        table.plan = ShardFilter.apply(table.plan, definition.shard());
      }
    }
    Masker masker = Masker.forJob(definition, System.getenv());
    state.masker(masker);
    // logged after the catalog checks, so a configuration error stays the only line printed
    log.info(
        "Comparing primary {} (PostgreSQL {}) with replica {} (PostgreSQL {})",
        primaryInfo.host(),
        primaryInfo.serverVersion(),
        replicaInfo.host(),
        replicaInfo.serverVersion());
    if (definition.shard() != null) {
      log.info(
          "Comparing shard {}: the rows whose key hashes to {} of {}",
          definition.shard().label(),
          definition.shard().index(),
          definition.shard().count());
    }
    if (masker.active()) {
      log.info("Masking {}", masker.describe());
    }
    watchReplica(pair);
    Map<String, SavedPlan> saved =
        options.previous() == null || savedPlans == null ? null : SavedPlan.parse(savedPlans);
    if (saved != null) {
      checkUnchanged(saved);
    }
    // small tables share hash queries unless the run is paced by rows per second (HashUnit); a
    // resumed run keeps the choice of the run it resumes, so its partitions have the same names
    state.batching(
        saved != null && savedBatching != null
            ? savedBatching
            : definition.tuning().live().rowsPerSecond() == 0);
    List<TablePlan> comparable =
        state.tables().stream().filter(TableState::comparable).map(t -> t.plan).toList();
    Both<TableSizes> read =
        pair.onBoth(
            "table sizes",
            (c, s) -> TableSizes.read(c, comparable.stream().map(TablePlan::table).toList()));
    List<TablePlan> uncounted =
        comparable.stream()
            .filter(
                plan -> {
                  Both<TableSizes.Size> size = read.map(side -> side.of(plan.table()));
                  return size.primary().estimatedRows() < 0
                      && size.replica().estimatedRows() < 0
                      && smallHeap(size);
                })
            .toList();
    Both<TableSizes> sizes =
        uncounted.isEmpty()
            ? read
            : pair.onBoth(
                TableSizes.label(uncounted.stream().map(TablePlan::table).toList()),
                (c, s) -> read.get(s).counting(c, uncounted));
    for (TableState table : state.tables()) {
      if (table.comparable()) {
        planRanges(
            pair,
            table,
            saved == null ? null : saved.get(table.spec.table().toString()),
            sizes.map(side -> side.of(table.plan.table())));
      } else {
        log.info(
            "Not comparing {}: {}", table.spec.table(), String.join("; ", table.plan.findings()));
      }
    }
    RunFolder folder =
        RunFolder.create(
            definition.out(), definition.name(), state.startedAt(), new SecureRandom());
    state.folder(folder);
    // promoted to the job context once this step completes, where a restart finds them: a resumed
    // run hashes the same slices, and PreviousRun names the stopped run by its folder
    ExecutionContext stepContext =
        chunkContext.getStepContext().getStepExecution().getExecutionContext();
    SavedPlan.store(stepContext, state.tables());
    stepContext.putString(ContextKeys.RUN_ID, folder.runId());
    stepContext.put(ContextKeys.BATCHING, state.batching());
    // every log line from here on names the run; the compare threads copy it
    // (VerifyJobConfiguration)
    MDC.put(ContextKeys.RUN_ID_MDC, folder.runId());
    state.progressLog(
        ProgressLog.start(
            state.tables().stream().filter(t -> t.progress != null).map(t -> t.progress).toList(),
            ProgressLog.interval(System.getenv("PGPARITY_PROGRESS_SECONDS"))));
    JobJsonWriter.write(
        definition,
        state.tables().stream().map(t -> t.spec).toList(),
        state.leftOut(),
        folder.path());
    state.divergences(DivergenceWriter.open(folder.path()));
    if (options.repairSql()) {
      state.repairInput(RepairInput.open(folder.path()));
    }
    return RepeatStatus.FINISHED;
  }

  /**
   * The tables the job chose, as both sides list them now: its exact entries (in the job's order)
   * and what its patterns match (by schema and name), partitioned tables through their partitions,
   * and what the selection leaves out and why. One listing query per side.
   */
  private Discovery discover(ServerPair pair) {
    Both<RelationListing> listings =
        pair.onBoth("listing tables", (c, s) -> RelationListing.read(c));
    Discovery discovery =
        TableDiscovery.resolve(
                definition.tables(), definition.selection(), listings.primary(), listings.replica())
            .requireMatches();
    if (!definition.selection().discovers()) {
      // a job of exact tables compares them in its own order; partitions follow, by name
      List<TableRef> order = definition.tables().stream().map(TableSpec::table).toList();
      List<DiscoveredTable> ordered = new ArrayList<>(discovery.compared());
      ordered.sort(
          Comparator.comparingInt(
              t -> {
                int index = order.indexOf(t.spec().table());
                return index < 0 ? Integer.MAX_VALUE : index;
              }));
      discovery = new Discovery(ordered, discovery.leftOut(), discovery.unmatched());
    }
    discovery.leftOut().stream()
        .filter(t -> t.reason() != LeftOutReason.COMPARED_THROUGH_PARTITIONS)
        .forEach(
            t ->
                log.info(
                    "Not comparing {}: {}{}",
                    t.table().unambiguous(),
                    t.reason(),
                    t.detail() == null ? "" : " (" + t.detail() + ")"));
    return discovery;
  }

  /** Finds what the replica is to the primary and sets up waiting for it, pausing and pacing. */
  private void watchReplica(ServerPair pair) {
    LiveTuning live = definition.tuning().live();
    ReplicationLink link =
        ReplicationProbe.detect(pair, state.tables().stream().map(t -> t.spec.table()).toList());
    LagThrottle throttle = new LagThrottle(pair, link, live);
    state.replication(
        new InMemoryRunState.Replication(
            link,
            new ReplicaWatch(pair, link, live),
            throttle,
            new RunPacer(
                live.queryTime(), throttle, RowRate.of(live), RowRate.of(live), options.stop())));
  }

  /**
   * A resumed run must compare the same tables with the same catalogs as the run whose sums it
   * takes over; otherwise those sums are void and the launcher starts afresh.
   */
  private void checkUnchanged(Map<String, SavedPlan> saved) {
    for (TableState table : state.tables()) {
      String name = table.spec.table().toString();
      SavedPlan plan = saved.get(name);
      if (table.comparable() != (plan != null)
          || (plan != null && !plan.catalog().equals(SavedPlan.catalog(table.plan)))) {
        throw new PlanChangedException(
            name + ": its catalog changed since run " + options.previous().runId());
      }
    }
  }

  private void planRanges(
      ServerPair pair, TableState table, SavedPlan saved, Both<TableSizes.Size> sizes) {
    TablePlan plan = table.plan;
    String what = plan.table() + ": planning ranges";
    long blocks = Math.max(sizes.primary().blocks(), sizes.replica().blocks());
    long estimated = Math.max(sizes.primary().estimatedRows(), sizes.replica().estimatedRows());
    if (saved == null
        && smallHeap(sizes)
        && estimated >= 0
        && estimated <= SMALL_TABLE_CHUNKS * definition.tuning().chunkRows()) {
      // a small table is one range, hashed whole with its neighbours (HashUnit): no sample, no
      // statistics and no size queries of its own, which cost more than hashing it
      table.progress =
          new TableProgress(plan.table().toString(), Math.max(0, sizes.primary().estimatedRows()));
      table.heapBlocks = sizes.map(TableSizes.Size::blocks);
      table.slices = 1;
      // its one range is the whole table: a diff reads it in one sequential pass (at most 10 MB),
      // as it reads any range holding most of a table whose heap is not in key order
      table.randomHeapOrder = true;
      log.debug(
          "Planned {}: key ({}), {} columns, a small table of {} blocks, one range{}",
          plan.table(),
          String.join(", ", plan.keyNames()),
          plan.columns().size(),
          blocks,
          plan.allFindings().isEmpty() ? "" : "; schema findings: " + plan.allFindings().size());
      return;
    }
    Both<Long> estimates =
        estimated > 0
            // a side whose statistics do not know (-1, never analyzed) counts as none: the other
            // side's estimate plans the ranges
            ? sizes.map(size -> Math.max(0, size.estimatedRows()))
            : pair.onBoth(what, (c, s) -> RangePlanner.estimateRows(c, plan));
    Side larger = estimates.primary() >= estimates.replica() ? Side.PRIMARY : Side.REPLICA;
    long rows = estimates.get(larger);
    table.progress = new TableProgress(plan.table().toString(), estimates.primary());
    if (saved != null) {
      saved.applyTo(table);
    } else {
      int chunkRows = definition.tuning().chunkRows();
      SampleMethod method =
          SampleMethod.forCorrelation(pair.on(larger, what, (c, s) -> correlation(c, plan)));
      table.randomHeapOrder = method.randomHeapOrder();
      table.boundaries =
          pair.on(
              larger, what, (c, s) -> RangePlanner.boundaries(c, plan, rows, chunkRows, method));
      // each side's size now: its slices cut this many blocks whenever they are hashed
      table.heapBlocks = sizes.map(TableSizes.Size::blocks);
      table.slices =
          HeapSlices.count(
              blocks, table.ranges(), table.randomHeapOrder, definition.tuning().threads());
    }
    log.info(
        "Planned {}: key ({}), {} columns, about {} rows in {} ranges, {} heap slice(s){}",
        plan.table(),
        String.join(", ", plan.keyNames()),
        plan.columns().size(),
        rows,
        table.ranges(),
        table.slices,
        plan.allFindings().isEmpty() ? "" : "; schema findings: " + plan.allFindings().size());
  }

  /** A heap that fits in one slice and one batch on both sides. */
  private static boolean smallHeap(Both<TableSizes.Size> sizes) {
    long blocks = Math.max(sizes.primary().blocks(), sizes.replica().blocks());
    return blocks <= Math.min(HashUnit.BATCH_TABLE_BLOCKS, HeapSlices.maxBlocksPerSlice);
  }

  private static Double correlation(Connection connection, TablePlan plan) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT correlation FROM pg_stats WHERE schemaname = ? AND tablename = ? AND attname = ?")) {
      ps.setString(1, plan.table().schema());
      ps.setString(2, plan.table().name());
      ps.setString(3, plan.key().get(0).name());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          double value = rs.getDouble(1);
          return rs.wasNull() ? null : value;
        }
        return null;
      }
    }
  }
}
