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

  @Override
  public String toString() {
    return "heap slice " + (slice + 1) + "/" + slices;
  }
}
