package io.pgparity.job;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the hashing work of every comparable table into partitions, one per heap slice.
 * Partition names are stable (table index and slice), so a restarted step finds them again.
 */
final class HashPartitioner implements Partitioner {

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
      for (int slice = 0; slice < table.slices; slice++) {
        ExecutionContext context = new ExecutionContext();
        context.putInt(ContextKeys.TABLE, t);
        context.putInt(ContextKeys.SLICE, slice);
        context.putInt(ContextKeys.SLICES, table.slices);
        partitions.put("hash-t" + t + "-s" + slice, context);
      }
    }
    return partitions;
  }
}
