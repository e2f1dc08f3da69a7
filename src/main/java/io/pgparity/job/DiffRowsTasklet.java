package io.pgparity.job;

import io.pgparity.compare.BucketPassDiffer;
import io.pgparity.compare.Divergence;
import io.pgparity.compare.LiveRecheck;
import io.pgparity.compare.RangeNarrower;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.LiveTuning;
import io.pgparity.connect.Both;
import io.pgparity.failure.CompareException;
import io.pgparity.guard.RunStop;
import io.pgparity.guard.RunStoppedException;
import io.pgparity.hashing.BucketSum;
import io.pgparity.keyspace.KeySql;
import io.pgparity.keyspace.RangePlanner;
import io.pgparity.live.CatchUp;
import io.pgparity.mask.Masker;
import io.pgparity.repair.RepairInput;
import io.pgparity.report.DivergenceWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Worker of step diffRows, one step-scoped instance per partition: narrows its mismatched ranges of
 * one table (both from the partition's step execution context) down to the divergent rows.
 */
final class DiffRowsTasklet implements Tasklet {

  private static final Logger log = LoggerFactory.getLogger(DiffRowsTasklet.class);

  private final InMemoryRunState state;
  private final JobDefinition definition;
  private final RunStop stop;
  private final TableState table;
  private final int[] ranges;

  DiffRowsTasklet(
      InMemoryRunState state, JobDefinition definition, RunStop stop, int table, String ranges) {
    this.state = state;
    this.definition = definition;
    this.stop = stop;
    this.table = state.table(table);
    this.ranges = Arrays.stream(ranges.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    StepExecution step = chunkContext.getStepContext().getStepExecution();
    long start = System.nanoTime();
    try {
      diff();
      table.diffDone();
    } catch (RunStoppedException e) {
      table.incomplete(e.getMessage());
      // not COMPLETED: the job stops here and a resumed run diffs again
      step.setTerminateOnly();
    } catch (CompareException e) {
      if (!IncompleteTableFailures.contains(e)) {
        throw e;
      }
      // a replica that stopped replaying leaves the table unjudged, never divergent
      table.incomplete(e.getMessage());
      log.warn("{}: {}", table.plan.table(), e.getMessage());
    }
    long end = System.nanoTime();
    table.worked(start, end);
    log.info(
        "Diffed {} mismatched ranges of {}: {} divergent rows so far ({} ms)",
        ranges.length,
        table.plan.table(),
        table.counts.total(),
        (end - start) / 1_000_000);
    return RepeatStatus.FINISHED;
  }

  private void diff() {
    stop.check();
    LiveTuning live = definition.tuning().live();
    CatchUp catchUp = state.catchUp();
    LiveRecheck recheck =
        new LiveRecheck(catchUp, live.rechecks(), live.recheckDelay(), table.spec.settle());
    state.replication().throttle().pauseWhileLagging();
    // the replica is read only once it has replayed past every primary hash of this table
    catchUp.await(table.hashedAt());
    RepairInput repairInput = state.repairInput();
    Masker masker = state.masker();
    DivergenceWriter divergences = state.divergences();
    RangeNarrower narrower =
        new RangeNarrower(
            state.pair(),
            table.plan,
            table.counts,
            recheck,
            divergence -> {
              if (repairInput != null) {
                // repair needs the true values: this copy is taken before masking
                repairInput.write(divergence);
              }
              Divergence masked = masker.mask(divergence);
              divergences.write(masked);
              table.keepSample(masked);
            },
            divergences::write);
    List<Integer> onePass = new ArrayList<>();
    for (int range : ranges) {
      Both<BucketSum> sums = table.sums(range);
      // rows with a NULL key have no key range to split: they are diffed whole, by IS NULL
      // a keyless table has no index on its row hash: a range query would read it whole, so all
      // its ranges go in one sequential pass
      if (RangeNarrower.small(sums) || range == KeySql.NULL_KEYS || table.plan.keyless()) {
        onePass.add(range);
      } else {
        narrower.narrow(
            RangePlanner.range(table.boundaries, range), sums, key -> table.divergentIn(range, 1));
      }
    }
    if (!onePass.isEmpty()) {
      new BucketPassDiffer(state.pair(), table.plan, narrower, table::divergentIn, table::sums)
          .diff(table.boundaries, onePass, table.diffPass(onePass), table.largerHeap());
    }
  }
}
