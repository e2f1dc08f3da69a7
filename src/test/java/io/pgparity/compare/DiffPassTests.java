package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiffPassTests {

  @Test
  void rowsInKeyOrderAreAlwaysReadByIndexBatches() {
    assertThat(DiffPass.choose(false, 900_000, 1_000_000, 50_000))
        .isEqualTo(DiffPass.INDEX_BATCHES);
  }

  @Test
  void aFewRangesOfARandomHeapAreReadByIndexBatches() {
    assertThat(DiffPass.choose(true, 5_000, 1_000_000, 25_000)).isEqualTo(DiffPass.INDEX_BATCHES);
    assertThat(DiffPass.choose(true, 5_001, 1_000_000, 25_000)).isEqualTo(DiffPass.ONE_BITMAP);
  }

  @Test
  void rangesTouchingMostPagesOfARandomHeapShareOneExactBitmap() {
    assertThat(DiffPass.choose(true, 100_000, 1_000_000, 25_000)).isEqualTo(DiffPass.ONE_BITMAP);
    assertThat(DiffPass.choose(true, 500_000, 1_000_000, 25_000)).isEqualTo(DiffPass.ONE_BITMAP);
  }

  @Test
  void pastHalfTheTableASequentialPassIsCheaper() {
    assertThat(DiffPass.choose(true, 500_001, 1_000_000, 25_000)).isEqualTo(DiffPass.SEQUENTIAL);
  }

  @Test
  void aTableWhoseExactBitmapWouldNeedTooMuchWorkMemIsReadSequentially() {
    long blocksAtTheLimit = DiffPass.MAX_BITMAP_BYTES / DiffPass.BITMAP_BYTES_PER_PAGE;
    assertThat(DiffPass.choose(true, 100_000, 1_000_000, blocksAtTheLimit))
        .isEqualTo(DiffPass.ONE_BITMAP);
    assertThat(DiffPass.choose(true, 100_000, 1_000_000, blocksAtTheLimit + 1))
        .isEqualTo(DiffPass.SEQUENTIAL);
  }

  @Test
  void theBitmapGetsWorkMemForEveryPage() {
    // PostgreSQL's tidbitmap keeps a page exact in 64 bytes; the rest is margin for growth
    assertThat(DiffPass.bitmapBytes(256_404)).isGreaterThanOrEqualTo(256_404L * 64);
    assertThat(DiffPass.bitmapBytes(0)).isPositive();
  }

  @Test
  void onlyIndexBatchesMaySplitOverThreads() {
    assertThat(DiffPass.INDEX_BATCHES.wholeTable()).isFalse();
    assertThat(DiffPass.ONE_BITMAP.wholeTable()).isTrue();
    assertThat(DiffPass.SEQUENTIAL.wholeTable()).isTrue();
  }
}
