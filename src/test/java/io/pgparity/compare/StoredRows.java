package io.pgparity.compare;

import static com.google.common.base.Preconditions.checkArgument;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Every row one side holds in a table, as its type's output text (column to value, attnum order,
 * null for SQL NULL), read under the settings pgparity pins. The output function, not {@code
 * ::text}: the two differ only for bpchar, whose cast to text drops trailing blanks that an
 * unbounded bpchar stores and prints; that text is the stored value, so it is what a report of a
 * changed bpchar must show.
 */
record StoredRows(
    String table,
    List<String> keyColumns,
    List<String> columns,
    List<Map<String, String>> rows,
    boolean primaryKey) {

  /** pgparity's pinned session, plus lc_monetary, which money's output follows. */
  static final String PINNED = DriftTable.PINNED + "; SET lc_monetary = 'C'";

  StoredRows {
    keyColumns = List.copyOf(keyColumns);
    columns = List.copyOf(columns);
    checkArgument(
        columns.containsAll(keyColumns), "%s: key %s not among %s", table, keyColumns, columns);
    rows = rows.stream().map(r -> Collections.unmodifiableMap(new LinkedHashMap<>(r))).toList();
  }

  /** Reads the whole table (schema.table, already quoted where needed) from one side. */
  static StoredRows read(DataSource server, String table, List<String> keyColumns) {
    try (Connection connection = server.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(PINNED);
      try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnLabel(i));
        }
        List<Map<String, String>> rows = new ArrayList<>();
        while (rs.next()) {
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 1; i <= columns.size(); i++) {
            row.put(columns.get(i - 1), rs.getString(i));
          }
          rows.add(row);
        }
        rs.close();
        try (ResultSet pk =
            statement.executeQuery(
                "SELECT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = '"
                    + table
                    + "'::regclass AND indisprimary)")) {
          pk.next();
          return new StoredRows(table, keyColumns, columns, rows, pk.getBoolean(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(table + ": " + e.getMessage(), e);
    }
  }

  /** A row's key as column to value; a value is null where the replica stored a NULL key. */
  Map<String, String> key(Map<String, String> row) {
    Map<String, String> key = new LinkedHashMap<>();
    keyColumns.forEach(c -> key.put(c, row.get(c)));
    return Collections.unmodifiableMap(key);
  }
}
