package io.pgparity.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A block range that hits the statement timeout is hashed as halves, down to single blocks, and the
 * halves' sums add up to exactly what one query would have returned.
 */
class HashSplittingTests {

  /** Blocks that really exist: an open range reaches up to here, past the size it was given. */
  private static final long HEAP_END = 1_003;

  private final List<BlockRange> queried = new ArrayList<>();

  /** Per range r (block % 7): one row per block, hash = block * block + r. */
  private static Map<Integer, BucketSum> sumsOf(long first, long end) {
    Map<Integer, BucketSum> sums = new HashMap<>();
    for (long block = first; block < end; block++) {
      int range = (int) (block % 7);
      sums.merge(
          range, new BucketSum(1, BigInteger.valueOf(block * block + range)), BucketSum::plus);
    }
    return sums;
  }

  /** A query that times out on more than {@code maxBlocks} blocks. */
  private BucketHasher.BlockQuery timingOutAbove(long maxBlocks) {
    return blocks -> {
      queried.add(blocks);
      long end = blocks.open() ? HEAP_END : blocks.end();
      if (end - blocks.first() > maxBlocks) {
        throw new SQLException("ERROR: canceling statement due to statement timeout", "57014");
      }
      return sumsOf(blocks.first(), end);
    };
  }

  @Test
  void aRangeThatTimesOutIsHashedAsHalvesWhoseSumsAddUpExactly() throws SQLException {
    BlockRange whole = new BlockRange(0, 1_000, true);
    Map<Integer, BucketSum> sums =
        BucketHasher.hashSplitting("public.t heap slice 1/1", whole, timingOutAbove(100));
    assertThat(sums).isEqualTo(sumsOf(0, HEAP_END));
    // 1000 -> 500 -> 250 -> 125 -> 62/63: 15 queries timed out, 16 answered
    assertThat(queried).hasSize(31);
    assertThat(queried.get(0)).isEqualTo(whole);
    assertThat(queried)
        .filteredOn(BlockRange::open)
        .extracting(BlockRange::end)
        .containsOnly(1_000L);
  }

  @Test
  void aClosedRangeNeverReachesPastItsEnd() throws SQLException {
    BlockRange slice = new BlockRange(250, 500, false);
    assertThat(BucketHasher.hashSplitting("public.t heap slice 2/4", slice, timingOutAbove(1)))
        .isEqualTo(sumsOf(250, 500));
    assertThat(queried).noneMatch(BlockRange::open);
    assertThat(queried.stream().filter(b -> b.blocks() == 1).mapToLong(BlockRange::first))
        .containsExactlyElementsOf(java.util.stream.LongStream.range(250, 500).boxed().toList());
  }

  @Test
  void aRangeThatFitsIsOneQuery() throws SQLException {
    BlockRange slice = new BlockRange(0, 40, false);
    assertThat(BucketHasher.hashSplitting("public.t heap slice 1/2", slice, timingOutAbove(100)))
        .isEqualTo(sumsOf(0, 40));
    assertThat(queried).containsExactly(slice);
  }

  @Test
  void aSingleBlockThatTimesOutEndsInATimeoutNamingTheBlock() {
    BlockRange slice = new BlockRange(64, 128, false);
    assertThatThrownBy(
            () -> BucketHasher.hashSplitting("public.t heap slice 2/2", slice, timingOutAbove(0)))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"))
        .hasMessage(
            "ERROR: canceling statement due to statement timeout (on heap blocks 64-64 alone,"
                + " after splitting the slice down to single blocks)");
    // depth first: 64, 32, 16, 8, 4, 2, 1 blocks, then it gives up
    assertThat(queried).hasSize(7);
  }

  @Test
  void otherFailuresAreNotSplit() {
    BucketHasher.BlockQuery denied =
        blocks -> {
          queried.add(blocks);
          throw new SQLException("permission denied for table t", "42501");
        };
    assertThatThrownBy(
            () -> BucketHasher.hashSplitting("public.t", new BlockRange(0, 100, true), denied))
        .hasMessage("permission denied for table t");
    assertThat(queried).hasSize(1);
  }

  @Test
  void slicesShareTheHeapAndTheLastOneStaysOpen() {
    assertThat(new HashSlice(0, 3).blocks(10)).isEqualTo(new BlockRange(0, 4, false));
    assertThat(new HashSlice(1, 3).blocks(10)).isEqualTo(new BlockRange(4, 8, false));
    assertThat(new HashSlice(2, 3).blocks(10)).isEqualTo(new BlockRange(8, 10, true));
    assertThat(new HashSlice(0, 1).blocks(0)).isEqualTo(new BlockRange(0, 0, true));
    // more slices than the rounding leaves blocks for: the last one is empty but still open
    assertThat(new HashSlice(3, 4).blocks(5)).isEqualTo(new BlockRange(6, 6, true));
  }

  @Test
  void halvesSplitAtTheMiddleAndKeepTheUpperEndOpen() {
    assertThat(new BlockRange(10, 15, true).halves())
        .containsExactly(new BlockRange(10, 12, false), new BlockRange(12, 15, true));
    assertThat(new BlockRange(10, 12, false).halves())
        .containsExactly(new BlockRange(10, 11, false), new BlockRange(11, 12, false));
    assertThat(new BlockRange(7, 8, true).splittable()).isFalse();
    assertThat(new BlockRange(7, 8, true)).hasToString("heap blocks 7-end");
    assertThat(new BlockRange(7, 8, false)).hasToString("heap blocks 7-7");
    assertThatThrownBy(() -> new BlockRange(5, 4, false)).hasMessageContaining("[5, 4)");
  }
}
