package io.pgparity.hashing;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigInteger;

/**
 * The row count and exact sum of row hashes of one key range on one side; sums add up across
 * slices.
 */
public record BucketSum(long rows, BigInteger hashSum) {

  public static final BucketSum EMPTY = new BucketSum(0, BigInteger.ZERO);

  public BucketSum {
    checkArgument(rows >= 0, "rows must not be negative but was %s", rows);
    checkNotNull(hashSum, "hashSum");
  }

  public BucketSum plus(BucketSum other) {
    return new BucketSum(rows + other.rows, hashSum.add(other.hashSum));
  }
}
