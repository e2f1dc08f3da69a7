package io.pgparity.hashing;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One unit of hashing work on both sides. For {@link HashStrategy#RANGE_SCAN} it is the ranges
 * {@code [firstRange, endRange)}; for {@link HashStrategy#BUCKET_SCAN} it is heap slice {@code
 * slice} of {@code slices} on each side (each side slices its own heap; sums per range add up).
 */
public record HashSlice(HashStrategy strategy, int firstRange, int endRange, int slice, int slices) {

  public HashSlice {
    checkArgument(firstRange >= 0 && endRange >= firstRange, "range span [%s, %s)", firstRange, endRange);
    checkArgument(slices >= 1 && slice >= 0 && slice < slices, "slice %s of %s", slice, slices);
  }

  public static HashSlice ranges(int firstRange, int endRange) {
    return new HashSlice(HashStrategy.RANGE_SCAN, firstRange, endRange, 0, 1);
  }

  public static HashSlice heap(int slice, int slices, int ranges) {
    return new HashSlice(HashStrategy.BUCKET_SCAN, 0, ranges, slice, slices);
  }

  @Override
  public String toString() {
    return strategy == HashStrategy.RANGE_SCAN
        ? "ranges " + firstRange + ".." + (endRange - 1)
        : "heap slice " + (slice + 1) + "/" + slices;
  }
}
