package io.pgparity.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the hashing work of every comparable table into partitions: one per heap slice of a large
 * table, one per batch of small tables (see {@link HashUnit}). Partition names are stable, so a
 * restarted step finds them again and Spring Batch skips the ones a stopped run completed (see
 * {@link ResumedHashPartitions}).
 */
final class HashPartitioner implements Partitioner {

  private final List<TableState> tables;
  private final boolean batching;

  HashPartitioner(List<TableState> tables, boolean batching) {
    this.tables = tables;
    this.batching = batching;
  }

  @Override
  public Map<String, ExecutionContext> partition(int gridSize) {
    Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
    for (HashUnit unit : HashUnit.of(tables, batching)) {
      ExecutionContext context = new ExecutionContext();
      context.putString(
          ContextKeys.TABLES,
          unit.tables().stream().map(String::valueOf).collect(Collectors.joining(",")));
      context.put(ContextKeys.BATCH, unit.batch());
      context.putInt(ContextKeys.SLICE, unit.slice());
      context.putInt(ContextKeys.SLICES, unit.slices());
      partitions.put(unit.name(), context);
    }
    return partitions;
  }
}
