package io.pgparity.job;

import io.pgparity.connect.Both;
import io.pgparity.connect.Side;
import io.pgparity.failure.CompareException;
import io.pgparity.guard.RunStoppedException;
import io.pgparity.hashing.BucketHasher;
import io.pgparity.hashing.BucketSum;
import io.pgparity.hashing.HashSlice;
import io.pgparity.live.CatchUp;
import io.pgparity.live.Lsn;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Worker of step hashRanges, one step-scoped instance per partition: hashes one heap slice of one
 * table (both from the partition's step execution context) on both sides at the same time, adds the
 * per-range sums to the table's in-memory state and keeps them in its step execution context as a
 * {@link HashCheckpoint}, which a resumed run takes over instead of hashing the slice again.
 */
final class HashRangesTasklet implements Tasklet {

  private static final Logger log = LoggerFactory.getLogger(HashRangesTasklet.class);

  private final InMemoryRunState state;
  private final TableState table;
  private final HashSlice slice;

  HashRangesTasklet(InMemoryRunState state, int table, HashSlice slice) {
    this.state = state;
    this.table = state.table(table);
    this.slice = slice;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    StepExecution step = chunkContext.getStepContext().getStepExecution();
    ExecutionContext context = step.getExecutionContext();
    long start = System.nanoTime();
    AtomicReference<Lsn> hashedAt = new AtomicReference<>();
    Both<Map<Integer, BucketSum>> sums;
    try {
      sums = hash(hashedAt);
    } catch (RunStoppedException e) {
      table.incomplete(e.getMessage());
      // the partition must not end COMPLETED: a resumed run hashes this slice again
      step.setTerminateOnly();
      return RepeatStatus.FINISHED;
    } catch (CompareException e) {
      if (!IncompleteTableFailures.contains(e)) {
        throw e;
      }
      // partial sums would pass for divergences: the diff skips this table
      table.incomplete(e.getMessage());
      HashCheckpoint.unjudged(e.getMessage()).writeTo(context);
      log.warn("{}: {}", table.plan.table(), e.getMessage());
      return RepeatStatus.FINISHED;
    }
    table.addSums(sums);
    table.hashedAt(hashedAt.get());
    table.sliceHashed();
    HashCheckpoint.hashed(sums, hashedAt.get()).writeTo(context);
    long end = System.nanoTime();
    table.worked(start, end);
    log.info(
        "Hashed {} {}: {} rows on the primary, {} on the replica ({} ms)",
        table.plan.table(),
        slice,
        rows(sums.primary()),
        rows(sums.replica()),
        (end - start) / 1_000_000);
    return RepeatStatus.FINISHED;
  }

  private Both<Map<Integer, BucketSum>> hash(AtomicReference<Lsn> hashedAt) {
    BucketHasher hasher = new BucketHasher(table.plan);
    RunPacer pacer = state.replication().pacer();
    CatchUp catchUp = state.catchUp();
    return state
        .pair()
        .onBoth(
            table.plan.table() + " " + slice,
            (c, s) -> {
              Map<Integer, BucketSum> hashed =
                  hasher.hash(
                      c,
                      table.boundaries,
                      slice,
                      table.heapBlocks.get(s),
                      s,
                      pacer.counting(table.progress),
                      table.pieceSize(s, pacer.target()));
              if (s == Side.PRIMARY) {
                // after the hash, in its transaction: the replica must pass this before the diff
                hashedAt.set(catchUp.primaryPosition(c));
              }
              return hashed;
            });
  }

  private static long rows(Map<Integer, BucketSum> sums) {
    return sums.values().stream().mapToLong(BucketSum::rows).sum();
  }
}
