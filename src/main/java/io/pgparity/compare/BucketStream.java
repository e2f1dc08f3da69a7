package io.pgparity.compare;

import io.pgparity.hashing.BucketSum;
import io.pgparity.keyspace.KeySql;
import io.pgparity.keyspace.KeyValue;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One side's (range, key, row hash) rows ordered by range, then row hash, read a row at a time;
 * {@code bucket} is the current row's range ({@link KeySql#NULL_KEYS} for rows with a NULL key
 * column, which sort first) until {@code done}. The key is decoded only on request: most rows meet
 * their twin on the other side and never need it.
 */
final class BucketStream {

  private final ResultSet rows;
  private final KeySql key;
  int bucket;
  long hash;
  boolean done;

  /** Count and hash sum of the rows read so far of the current range: what the diff saw there. */
  private int rangeOf = Integer.MIN_VALUE;

  private long rangeRows;
  private BigInteger rangeHashes = BigInteger.ZERO;

  /** The same for the range the stream passed last. */
  private int passedRange = Integer.MIN_VALUE;

  private BucketSum passed = BucketSum.EMPTY;

  BucketStream(ResultSet rows, KeySql key) {
    this.rows = rows;
    this.key = key;
  }

  /** The column the stream must be ordered by after the range: the row hash. */
  static int hashColumn(KeySql key) {
    return key.size() + 2;
  }

  void advance() throws SQLException {
    if (rows.next()) {
      bucket = rows.getInt(1);
      hash = rows.getLong(hashColumn(key));
      if (bucket != rangeOf) {
        pass();
        rangeOf = bucket;
      }
      rangeRows++;
      rangeHashes = rangeHashes.add(BigInteger.valueOf(hash));
    } else {
      pass();
      done = true;
    }
  }

  private void pass() {
    passedRange = rangeOf;
    passed = new BucketSum(rangeRows, rangeHashes);
    rangeRows = 0;
    rangeHashes = BigInteger.ZERO;
  }

  /** True while the current row belongs to range {@code range}. */
  boolean in(int range) {
    return !done && bucket == range;
  }

  /**
   * The count and hash sum of this side's rows of {@code range}, once the stream has passed it
   * (EMPTY for a range without rows here).
   */
  BucketSum read(int range) {
    return passedRange == range ? passed : BucketSum.EMPTY;
  }

  /** The current row's key. */
  KeyValue key() throws SQLException {
    return key.read(rows, 2);
  }
}
