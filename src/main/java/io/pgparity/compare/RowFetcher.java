package io.pgparity.compare;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.SqlIdentifier;
import io.pgparity.catalog.TablePlan;
import io.pgparity.config.Settle;
import io.pgparity.hashing.RowHashSql;
import io.pgparity.keyspace.KeyRange;
import io.pgparity.keyspace.KeySql;
import io.pgparity.keyspace.KeyValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads rows for the diff on one side: key plus row hash for every row of a small range, and whole
 * rows (text values plus per-column hashes) only for the keys that differ.
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

  /** Key to row hash for every row of the range. */
  Map<KeyValue, Long> keyHashes(Connection connection, KeyRange range) throws SQLException {
    String sql = "SELECT " + key.textColumns() + ", " + rowHash + " FROM " + table + " WHERE " + key.rangePredicate(range)
        + plan.andWhere();
    Map<KeyValue, Long> hashes = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      key.bindRange(ps, 1, range);
      ps.setFetchSize(5_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          hashes.put(key.read(rs, 1), rs.getLong(key.size() + 1));
        }
      }
    }
    return hashes;
  }

  /**
   * Whole rows for the given keys; keys without a row on this side are absent. With a settle window,
   * each row also says whether its settle column lies within the window of this server's clock.
   */
  Map<KeyValue, FetchedRow> rows(Connection connection, List<KeyValue> keys) throws SQLException {
    List<String> select = new ArrayList<>();
    for (ColumnInfo column : plan.columns()) {
      select.add(SqlIdentifier.quote(column.name()) + "::text");
    }
    for (ColumnInfo column : plan.columns()) {
      select.add(RowHashSql.columnHash(column));
    }
    if (settle != null) {
      select.add("COALESCE(" + SqlIdentifier.quote(settle.column()) + " >= now() - ?::interval, false)");
    }
    String sql = "SELECT " + key.textColumns() + ", " + String.join(", ", select) + " FROM " + table + " WHERE "
        + key.keyIn() + plan.andWhere();
    Map<KeyValue, FetchedRow> rows = new LinkedHashMap<>();
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
          Map<String, String> values = new LinkedHashMap<>();
          Map<String, Long> hashes = new HashMap<>();
          for (int i = 0; i < columns; i++) {
            String name = plan.columns().get(i).name();
            values.put(name, rs.getString(key.size() + 1 + i));
            hashes.put(name, rs.getLong(key.size() + 1 + columns + i));
          }
          boolean settling = settle != null && rs.getBoolean(key.size() + 1 + 2 * columns);
          rows.put(key.read(rs, 1), new FetchedRow(values, hashes, settling));
        }
      }
    }
    return rows;
  }
}
