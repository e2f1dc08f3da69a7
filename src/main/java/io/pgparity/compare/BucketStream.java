package io.pgparity.compare;

import io.pgparity.keyspace.KeySql;
import io.pgparity.keyspace.KeyValue;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One side's (range, key, row hash) rows ordered by range, then row hash, read a row at a time;
 * {@code bucket} is the current row's range ({@link KeySql#NULL_KEYS} for rows with a NULL key
 * column, which sort first) until {@code done}. The key is decoded
 * only on request: most rows meet their twin on the other side and never need it.
 */
final class BucketStream {

  private final ResultSet rows;
  private final KeySql key;
  int bucket;
  long hash;
  boolean done;

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
      done = true;
    }
  }

  /** True while the current row belongs to range {@code range}. */
  boolean in(int range) {
    return !done && bucket == range;
  }

  /** The current row's key. */
  KeyValue key() throws SQLException {
    return key.read(rows, 2);
  }
}
