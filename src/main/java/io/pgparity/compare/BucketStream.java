package io.pgparity.compare;

import io.pgparity.keyspace.KeySql;
import io.pgparity.keyspace.KeyValue;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One side's (range, key, row hash) rows ordered by range, then row hash, read a row at a time;
 * {@code bucket} is the current row's range, -1 once the rows are exhausted. The key is decoded
 * only on request: most rows meet their twin on the other side and never need it.
 */
final class BucketStream {

  private final ResultSet rows;
  private final KeySql key;
  int bucket = -1;
  long hash;

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
    } else {
      bucket = -1;
    }
  }

  /** True while the current row belongs to range {@code range}. */
  boolean in(int range) {
    return bucket == range;
  }

  /** The current row's key. */
  KeyValue key() throws SQLException {
    return key.read(rows, 2);
  }
}
