package io.pgparity.job;

import io.pgparity.compare.CompareException;
import io.pgparity.connect.Both;
import io.pgparity.connect.Side;
import io.pgparity.hashing.BucketHasher;
import io.pgparity.hashing.BucketSum;
import io.pgparity.hashing.HashSlice;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Worker of step hashRanges: hashes one heap slice of one table on both
 * sides at the same time and adds the per-range sums to the table's state.
 */
final class HashRangesTasklet implements Tasklet {

  private static final Logger log = LoggerFactory.getLogger(HashRangesTasklet.class);

  private final RunLedger ledger;

  HashRangesTasklet(RunLedger ledger) {
    this.ledger = ledger;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
    TableState table = ledger.table(context.getInt(ContextKeys.TABLE));
    HashSlice slice = new HashSlice(context.getInt(ContextKeys.SLICE), context.getInt(ContextKeys.SLICES));
    long start = System.nanoTime();
    Both<Map<Integer, BucketSum>> sums;
    try {
      sums = hash(table, slice);
    } catch (CompareException e) {
      if (!Unjudged.leavesTableIncomplete(e)) {
        throw e;
      }
      // partial sums would pass for divergences: the diff skips this table
      table.incomplete(e.getMessage());
      log.warn("{}: {}", table.plan.table(), e.getMessage());
      return RepeatStatus.FINISHED;
    }
    table.addSums(sums);
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

  private Both<Map<Integer, BucketSum>> hash(TableState table, HashSlice slice) {
    BucketHasher hasher = new BucketHasher(table.plan);
    return ledger.pair.onBoth(table.plan.table() + " " + slice, (c, s) -> {
      Map<Integer, BucketSum> hashed = hasher.hash(c, table.boundaries, slice, s, ledger.pacer.counting(table.progress));
      if (s == Side.PRIMARY) {
        // after the hash, in its transaction: the replica must pass this before the diff
        table.hashedAt(ledger.catchUp.primaryPosition(c));
      }
      return hashed;
    });
  }

  private static long rows(Map<Integer, BucketSum> sums) {
    return sums.values().stream().mapToLong(BucketSum::rows).sum();
  }
}
