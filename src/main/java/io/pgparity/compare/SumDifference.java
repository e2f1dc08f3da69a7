package io.pgparity.compare;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.hashing.BucketSum;
import java.math.BigInteger;

/**
 * How far two sides' sums lie apart, primary minus replica: rows and exact row-hash sum. The
 * table's accounting compares the difference the hash pass saw with the one the reported rows add
 * up to; whatever is left is a difference no row explains.
 */
public record SumDifference(long rows, BigInteger hashSum) {

  public static final SumDifference NONE = new SumDifference(0, BigInteger.ZERO);

  public SumDifference {
    checkNotNull(hashSum, "hashSum");
  }

  public static SumDifference between(BucketSum primary, BucketSum replica) {
    return new SumDifference(
        primary.rows() - replica.rows(), primary.hashSum().subtract(replica.hashSum()));
  }

  public SumDifference minus(SumDifference other) {
    return new SumDifference(rows - other.rows, hashSum.subtract(other.hashSum));
  }

  public boolean isZero() {
    return rows == 0 && hashSum.signum() == 0;
  }

  @Override
  public String toString() {
    return rows + " rows and " + hashSum + " in row-hash sum";
  }
}
