package io.pgparity.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the hashing work of every comparable table into partitions, one per heap slice. Partition
 * names are stable (table index and slice), so a restarted step finds them again and Spring Batch
 * skips the ones a stopped run completed (see {@link ResumedHashPartitions}).
 */
final class HashPartitioner implements Partitioner {

  private final List<TableState> tables;

  HashPartitioner(List<TableState> tables) {
    this.tables = tables;
  }

  @Override
  public Map<String, ExecutionContext> partition(int gridSize) {
    Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
    for (int t = 0; t < tables.size(); t++) {
      TableState table = tables.get(t);
      if (!table.comparable()) {
        continue;
      }
      for (int slice = 0; slice < table.slices; slice++) {
        ExecutionContext context = new ExecutionContext();
        context.putInt(ContextKeys.TABLE, t);
        context.putInt(ContextKeys.SLICE, slice);
        context.putInt(ContextKeys.SLICES, table.slices);
        partitions.put(name(t, slice), context);
      }
    }
    return partitions;
  }

  /**
   * The partition of slice {@code slice} of table {@code table}, the same in every run of a plan.
   */
  static String name(int table, int slice) {
    return "hash-t" + table + "-s" + slice;
  }
}
