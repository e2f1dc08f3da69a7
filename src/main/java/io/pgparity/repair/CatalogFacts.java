package io.pgparity.repair;

import io.pgparity.table.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a repair needs to know about a table from pg_catalog: column types, generated and
 * identity columns. Types are printed with search_path set to pg_catalog alone (for the current
 * transaction only), so format_type() qualifies every type that is not built in, and a literal's
 * cast means the same type whatever search_path applies the statement later.
 */
public final class CatalogFacts {

  private static final String COLUMNS_SQL =
      """
      SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attgenerated <> '', a.attidentity
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'f')
        AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum
      """;

  private CatalogFacts() {}

  /** The table's columns, or empty when it does not exist; runs inside the caller's transaction. */
  public static Optional<TableFacts> read(Connection connection, TableRef table)
      throws SQLException {
    qualifyTypes(connection);
    List<ColumnFacts> columns = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(COLUMNS_SQL)) {
      ps.setString(1, table.schema());
      ps.setString(2, table.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String identity = rs.getString(4);
          columns.add(
              new ColumnFacts(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getBoolean(3),
                  identity == null || identity.isEmpty() ? ' ' : identity.charAt(0)));
        }
      }
    }
    return columns.isEmpty() ? Optional.empty() : Optional.of(new TableFacts(table, columns));
  }

  /** Sets search_path to pg_catalog until the end of the current transaction. */
  static void qualifyTypes(Connection connection) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT set_config('search_path', 'pg_catalog', true)")) {
      ps.execute();
    }
  }
}
