package io.pgparity.job;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;

/**
 * One hash partition's work: one heap slice of one table, or (a batch) several small tables hashed
 * whole by one query per side. {@code tables} are indexes into the run's tables; a batch has {@code
 * slice} 0 of 1. The units follow from the plan alone (table order, ranges, slices, heap sizes), so
 * a resumed run, which takes the plan over, deals exactly the same units and finds the partitions a
 * stopped run completed by their names.
 */
record HashUnit(List<Integer> tables, int slice, int slices, boolean batch) {

  /**
   * A table that is one range in one slice of at most this many blocks (10 MB) may share a query.
   */
  static final long BATCH_TABLE_BLOCKS = 1_280;

  /** A batch holds at most this many tables ... */
  static final int BATCH_TABLES = 64;

  /**
   * ... and at most this many heap blocks (20 MB): a fraction of a second of hashing, so batches
   * spread over the threads and a stop loses little.
   */
  static final long BATCH_BLOCKS = 2_560;

  HashUnit {
    tables = List.copyOf(tables);
    checkArgument(!tables.isEmpty(), "a hash unit has a table");
    checkArgument(batch || tables.size() == 1, "only a batch has several tables");
    checkArgument(slice >= 0 && slice < slices, "slice %s of %s", slice, slices);
    checkArgument(!batch || slices == 1, "a batch hashes whole tables");
  }

  /** The partition's name, stable across runs of one plan. */
  String name() {
    return batch
        ? "hash-b" + tables.get(0) + "-" + tables.get(tables.size() - 1)
        : "hash-t" + tables.get(0) + "-s" + slice;
  }

  /**
   * The units of every comparable table: a slice unit per slice of a large table, in table order,
   * and, when {@code batching}, small tables in batches, each batch in table order (named by its
   * first and last table). A run paced by rows per second does not batch: its pacer sizes each
   * table's queries to its target time, which one query over many tables would overrun, and at a
   * paced speed a partition per table costs nothing that shows.
   */
  static List<HashUnit> of(List<TableState> tables, boolean batching) {
    List<HashUnit> units = new ArrayList<>();
    List<Integer> batch = new ArrayList<>();
    long batchBlocks = 0;
    for (int t = 0; t < tables.size(); t++) {
      TableState table = tables.get(t);
      if (!table.comparable()) {
        continue;
      }
      if (batching && batchable(table)) {
        if (!batch.isEmpty()
            && (batch.size() == BATCH_TABLES || batchBlocks + table.largerHeap() > BATCH_BLOCKS)) {
          units.add(new HashUnit(batch, 0, 1, true));
          batch = new ArrayList<>();
          batchBlocks = 0;
        }
        batch.add(t);
        batchBlocks += table.largerHeap();
        continue;
      }
      for (int slice = 0; slice < table.slices; slice++) {
        units.add(new HashUnit(List.of(t), slice, table.slices, false));
      }
    }
    if (!batch.isEmpty()) {
      units.add(new HashUnit(batch, 0, 1, true));
    }
    return units;
  }

  /**
   * One range, one slice, a small heap and no filter: hashing it whole costs one branch of a batch
   * query. A {@code where:} filter is the job's SQL, whose cost per row the heap's size does not
   * bound, so such a table keeps its own partition (and its own statement timeout and pacing).
   */
  static boolean batchable(TableState table) {
    return table.ranges() == 1
        && table.slices == 1
        && table.largerHeap() <= BATCH_TABLE_BLOCKS
        && table.plan.where() == null;
  }
}
