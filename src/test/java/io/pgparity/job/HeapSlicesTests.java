package io.pgparity.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapSlicesTests {

  @Test
  void aSmallTableIsOneSlice() {
    assertThat(HeapSlices.count(0, 1, false, 4)).isEqualTo(1);
    assertThat(HeapSlices.count(1_000, 10, false, 4)).isEqualTo(1);
  }

  @Test
  void aMidSizedTableIsSlicedForTheThreads() {
    assertThat(HeapSlices.count(3_000, 100, false, 4)).isEqualTo(2);
    assertThat(HeapSlices.count(20_000, 100, false, 4)).isEqualTo(4);
  }

  @Test
  void aLargeTableIsSlicedBySizeSoACheckpointIsNeverFar() {
    // 100 GB of 8 kB blocks: 256 MB slices
    long blocks = 100L * 1024 * 1024 * 1024 / 8192;
    assertThat(HeapSlices.count(blocks, 100_000, false, 4)).isEqualTo(400);
  }

  @Test
  void aRandomOrderTableKeepsItsCheckpointsBounded() {
    long blocks = 100L * 1024 * 1024 * 1024 / 8192;
    // every slice holds a sum per range: 2M sums over 100k ranges allow 20 slices
    assertThat(HeapSlices.count(blocks, 100_000, true, 4)).isEqualTo(20);
    assertThat(HeapSlices.count(blocks, 10_000_000, true, 4)).isEqualTo(4);
  }
}
