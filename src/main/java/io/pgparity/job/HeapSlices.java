package io.pgparity.job;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How many heap slices (hash partitions) a table gets. Each completed partition is a checkpoint
 * that a resumed run keeps, so slices are capped in size: a kill or stop loses at most one slice
 * per thread. Small tables stay in few slices, since each slice costs its own queries.
 */
final class HeapSlices {

  /** Heap blocks per slice below which slicing a table's pass is not worth another query. */
  static final long MIN_BLOCKS_PER_SLICE = 1_024;

  /**
   * 256 MB of heap at 8 kB blocks: a few seconds to a minute of hashing, so little is lost to a
   * kill, while a 1 TB table still makes only some 4000 partitions in the job repository.
   */
  static final long MAX_BLOCKS_PER_SLICE = 32_768;

  /**
   * In a table whose heap is in random key order every slice has rows of every range, and its
   * checkpoint stores a sum per range: this many sums per table (about 50 MB) cap its slices.
   */
  static final long MAX_CHECKPOINT_SUMS = 2_000_000;

  /** Tests set a small cap to slice a small table many times; production never changes it. */
  static volatile long maxBlocksPerSlice = MAX_BLOCKS_PER_SLICE;

  private HeapSlices() {}

  /**
   * Slices of a table of {@code blocks} heap blocks (the larger side's) and {@code ranges} ranges.
   */
  static int count(long blocks, int ranges, boolean randomHeapOrder, int threads) {
    checkArgument(
        blocks >= 0 && ranges >= 1 && threads >= 1,
        "blocks %s, ranges %s, threads %s",
        blocks,
        ranges,
        threads);
    long byThreads = Math.min(threads, blocks / MIN_BLOCKS_PER_SLICE);
    long cap = maxBlocksPerSlice;
    long bySize = (blocks + cap - 1) / cap;
    if (randomHeapOrder) {
      bySize = Math.min(bySize, Math.max(1, MAX_CHECKPOINT_SUMS / ranges));
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.max(byThreads, bySize)));
  }
}
