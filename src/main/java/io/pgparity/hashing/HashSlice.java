package io.pgparity.hashing;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One unit of hashing work: heap slice {@code slice} of {@code slices} of a table, on each side.
 * Each side slices its own heap by block number, so the two slices hold different rows; only the
 * per-range sums, added up over all slices, are compared.
 */
public record HashSlice(int slice, int slices) {

  public HashSlice {
    checkArgument(slices >= 1 && slice >= 0 && slice < slices, "slice %s of %s", slice, slices);
  }

  /**
   * This slice's blocks of a heap of {@code tableBlocks} blocks: equal shares, rounded up; the last
   * slice is open, so rows appended after the size was read are still hashed.
   */
  public BlockRange blocks(long tableBlocks) {
    checkArgument(tableBlocks >= 0, "tableBlocks must not be negative but was %s", tableBlocks);
    long perSlice = (tableBlocks + slices - 1) / slices;
    long first = perSlice * slice;
    boolean last = slice == slices - 1;
    return new BlockRange(first, last ? Math.max(first, tableBlocks) : first + perSlice, last);
  }

  @Override
  public String toString() {
    return "heap slice " + (slice + 1) + "/" + slices;
  }
}
