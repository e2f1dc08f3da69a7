package io.pgparity.compare;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.TablePlan;
import io.pgparity.config.Settle;
import io.pgparity.hashing.ColumnEncoding;
import io.pgparity.hashing.RowHashSql;
import io.pgparity.keyspace.KeyRange;
import io.pgparity.keyspace.KeySql;
import io.pgparity.keyspace.KeyValue;
import io.pgparity.table.SqlIdentifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads rows for the diff on one side: key plus row hash for every row of a small range, and whole
 * rows (text values plus per-column hashes) only for the keys that differ. Both read every row of a
 * key, as a multiset: the replica need not enforce the primary's key, so a key may hold several
 * rows there, or be NULL.
 */
final class RowFetcher {

  private final TablePlan plan;
  private final KeySql key;
  private final String table;
  private final String rowHash;

  private final Settle settle;

  RowFetcher(TablePlan plan, Settle settle) {
    this.plan = plan;
    this.settle = settle;
    this.key = new KeySql(plan.key());
    this.table = SqlIdentifier.quote(plan.table());
    this.rowHash = RowHashSql.rowHash(plan.columns());
  }

  /**
   * Key to the row hashes of its rows, for every row of the range (never a NULL key: see KeySql).
   */
  Map<KeyValue, List<Long>> keyHashes(Connection connection, KeyRange range) throws SQLException {
    String sql =
        "SELECT "
            + key.textColumns()
            + ", "
            + rowHash
            + " FROM "
            + table
            + " WHERE "
            + key.rangePredicate(range)
            + plan.andWhere();
    Map<KeyValue, List<Long>> hashes = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      key.bindRange(ps, 1, range);
      ps.setFetchSize(5_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          hashes
              .computeIfAbsent(key.read(rs, 1), k -> new ArrayList<>(1))
              .add(rs.getLong(key.size() + 1));
        }
      }
    }
    return hashes;
  }

  /**
   * Every row of the given keys, grouped by the row's own key text; keys without a row on this side
   * are absent. Rows are grouped by their own text, not by the key asked for, because key equality
   * can match other stored values (numeric 1.0 = 1.00, a case-insensitive collation) that are
   * different rows. A key with a NULL column is matched with IS NULL, never with =. With a settle
   * window, each row also says whether its settle column lies within the window of this server's
   * clock.
   */
  Map<KeyValue, List<FetchedRow>> rows(Connection connection, List<KeyValue> keys)
      throws SQLException {
    List<String> select = new ArrayList<>();
    for (ColumnInfo column : plan.columns()) {
      select.add(ColumnEncoding.valueText(column.sql(), column.type()));
    }
    for (ColumnInfo column : plan.columns()) {
      select.add(RowHashSql.columnHash(column));
    }
    select.add(rowHash);
    if (settle != null) {
      select.add(
          "COALESCE(" + SqlIdentifier.quote(settle.column()) + " >= now() - ?::interval, false)");
    }
    boolean nullKeys = keys.stream().anyMatch(KeyValue::hasNull);
    String match = nullKeys ? "(" + key.keyIn() + " OR " + key.nullKey() + ")" : key.keyIn();
    // where the key's collation is nondeterministic, a row equal to two wanted keys ('Key5' and
    // 'key5' under a case-insensitive collation) can come back once for each: its physical
    // address, unique within the table and its partitions, keeps it once
    select.add("tableoid::oid::text || ':' || ctid::text");
    String sql =
        "SELECT "
            + key.textColumns()
            + ", "
            + String.join(", ", select)
            + " FROM "
            + table
            + " WHERE "
            + match
            + plan.andWhere();
    Set<KeyValue> wanted = new HashSet<>(keys);
    Set<String> seen = new HashSet<>();
    Map<KeyValue, List<FetchedRow>> rows = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int index = 1;
      if (settle != null) {
        ps.setString(index++, settle.window().toMillis() + " milliseconds");
      }
      key.bindKeys(connection, ps, index, keys);
      ps.setFetchSize(1_000);
      try (ResultSet rs = ps.executeQuery()) {
        int columns = plan.columns().size();
        while (rs.next()) {
          KeyValue own = key.read(rs, 1);
          if (!wanted.contains(own)) {
            continue; // equal to a wanted key but stored differently: judged under its own key
          }
          if (!seen.add(rs.getString(key.size() + 2 + 2 * columns + (settle == null ? 0 : 1)))) {
            continue;
          }
          Map<String, String> values = new LinkedHashMap<>();
          Map<String, Long> hashes = new HashMap<>();
          for (int i = 0; i < columns; i++) {
            String name = plan.columns().get(i).name();
            values.put(name, rs.getString(key.size() + 1 + i));
            hashes.put(name, rs.getLong(key.size() + 1 + columns + i));
          }
          long hash = rs.getLong(key.size() + 1 + 2 * columns);
          boolean settling = settle != null && rs.getBoolean(key.size() + 2 + 2 * columns);
          rows.computeIfAbsent(own, k -> new ArrayList<>(1))
              .add(new FetchedRow(values, hashes, hash, settling));
        }
      }
    }
    return rows;
  }
}
