package io.pgparity.compare;

import io.pgparity.keyspace.KeySql;
import io.pgparity.keyspace.KeyValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One side's (range, key, row hash) rows ordered by range, read a range at a time; {@code bucket}
 * is the current range, -1 once the rows are exhausted.
 */
final class BucketStream {

  private final ResultSet rows;
  private final KeySql key;
  int bucket = -1;
  private boolean pending;

  BucketStream(ResultSet rows, KeySql key) {
    this.rows = rows;
    this.key = key;
  }

  void advance() throws SQLException {
    pending = rows.next();
    bucket = pending ? rows.getInt(1) : -1;
  }

  /** The current range's rows as key to row hash; moves to the next range. */
  Map<KeyValue, Long> take() throws SQLException {
    Map<KeyValue, Long> hashes = new HashMap<>();
    int current = bucket;
    while (pending && rows.getInt(1) == current) {
      hashes.put(key.read(rows, 2), rows.getLong(key.size() + 2));
      pending = rows.next();
    }
    bucket = pending ? rows.getInt(1) : -1;
    return hashes;
  }
}
