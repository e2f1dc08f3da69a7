package io.pgparity.compare;

import com.google.common.collect.HashMultiset;
import io.pgparity.hashing.BucketSum;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * One row as fetched for the diff: column to text value (null for SQL NULL), per-column identity
 * hashes, the row hash the range sums are made of, and whether the table's settle column says it
 * was written within the settle window.
 */
record FetchedRow(
    Map<String, String> values, Map<String, Long> columnHashes, long rowHash, boolean settling) {

  /**
   * True when both sides hold the same rows for one key, as multisets: a replica that does not
   * enforce the key may hold a row twice, and that copy is a difference.
   */
  static boolean same(List<FetchedRow> a, List<FetchedRow> b) {
    return a.size() == b.size()
        && HashMultiset.create(a.stream().map(FetchedRow::columnHashes).toList())
            .equals(HashMultiset.create(b.stream().map(FetchedRow::columnHashes).toList()));
  }

  /** The count and row-hash sum of some rows: what they add to a range's sums. */
  static BucketSum sum(List<FetchedRow> rows) {
    BigInteger hashes = BigInteger.ZERO;
    for (FetchedRow row : rows) {
      hashes = hashes.add(BigInteger.valueOf(row.rowHash()));
    }
    return new BucketSum(rows.size(), hashes);
  }
}
