package io.pgparity.job;

import io.pgparity.hashing.HashStrategy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the hashing work of every comparable table into partitions: groups of consecutive ranges
 * for range scans, heap slices for one-pass tables. Partition names are stable (table index and
 * position), so a restarted step finds its partitions again.
 */
final class HashPartitioner implements Partitioner {

  /** Ranges per partition: enough to amortize a step execution, few enough to spread over threads. */
  static final int RANGES_PER_PARTITION = 64;

  private final RunLedger ledger;

  HashPartitioner(RunLedger ledger) {
    this.ledger = ledger;
  }

  @Override
  public Map<String, ExecutionContext> partition(int gridSize) {
    Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
    for (int t = 0; t < ledger.tables.size(); t++) {
      TableState table = ledger.table(t);
      if (!table.comparable()) {
        continue;
      }
      if (table.strategy == HashStrategy.RANGE_SCAN) {
        for (int first = 0; first < table.ranges(); first += RANGES_PER_PARTITION) {
          ExecutionContext context = context(t, HashStrategy.RANGE_SCAN);
          context.putInt(ContextKeys.FIRST_RANGE, first);
          context.putInt(ContextKeys.END_RANGE, Math.min(table.ranges(), first + RANGES_PER_PARTITION));
          partitions.put("hash-t" + t + "-r" + first, context);
        }
      } else {
        for (int slice = 0; slice < table.slices; slice++) {
          ExecutionContext context = context(t, HashStrategy.BUCKET_SCAN);
          context.putInt(ContextKeys.SLICE, slice);
          context.putInt(ContextKeys.SLICES, table.slices);
          partitions.put("hash-t" + t + "-s" + slice, context);
        }
      }
    }
    return partitions;
  }

  private static ExecutionContext context(int table, HashStrategy strategy) {
    ExecutionContext context = new ExecutionContext();
    context.putInt(ContextKeys.TABLE, table);
    context.putString(ContextKeys.STRATEGY, strategy.name());
    return context;
  }
}
