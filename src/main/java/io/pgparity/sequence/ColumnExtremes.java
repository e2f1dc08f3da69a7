package io.pgparity.sequence;

import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The highest value (lowest, for a descending sequence) each owning column holds on one side: one
 * query per owning table, all its owned columns at once.
 *
 * <p>Cost: with a b-tree index on every owned column of the table, PostgreSQL answers max/min from
 * the index ends (a few pages); when one of them has no index there (the replica's indexes are not
 * assumed to be the primary's) the query reads the whole table once, for all its columns together.
 */
final class ColumnExtremes {

  /** A column to read for a sequence: max when the sequence ascends, min when it descends. */
  record Wanted(TableRef table, String column, boolean ascending) {}

  private ColumnExtremes() {}

  /** The extremes by sequence; a sequence whose column is empty (all NULL, no rows) is absent. */
  static Map<TableRef, Long> read(Connection connection, Map<TableRef, Wanted> wanted)
      throws SQLException {
    Map<TableRef, List<Map.Entry<TableRef, Wanted>>> byTable = new LinkedHashMap<>();
    wanted.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(TableRef::toString)))
        .forEach(
            entry ->
                byTable
                    .computeIfAbsent(entry.getValue().table(), t -> new ArrayList<>())
                    .add(entry));
    Map<TableRef, Long> extremes = new HashMap<>();
    try (Statement statement = connection.createStatement()) {
      for (Map.Entry<TableRef, List<Map.Entry<TableRef, Wanted>>> table : byTable.entrySet()) {
        List<Map.Entry<TableRef, Wanted>> columns = table.getValue();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
          Wanted column = columns.get(i).getValue();
          sql.append(i == 0 ? "" : ", ")
              .append(column.ascending() ? "max(" : "min(")
              .append(SqlIdentifier.quote(column.column()))
              .append(")::pg_catalog.int8");
        }
        sql.append(" FROM ").append(SqlIdentifier.quote(table.getKey()));
        try (ResultSet rows = statement.executeQuery(sql.toString())) {
          rows.next();
          for (int i = 0; i < columns.size(); i++) {
            long value = rows.getLong(i + 1);
            if (!rows.wasNull()) {
              extremes.put(columns.get(i).getKey(), value);
            }
          }
        }
      }
    }
    return extremes;
  }
}
