package io.pgparity.catalog;

import io.pgparity.table.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a table's columns and unique indexes (hence its candidate keys) from pg_catalog over one
 * connection.
 */
public final class CatalogReader {

  private static final String TABLE_SQL =
      """
      SELECT c.oid, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'm', 'f')
      """;

  private static final String COLUMNS_SQL =
      """
      SELECT a.attname, format_type(a.atttypid, a.atttypmod), bt.typname, btn.nspname,
             bt.typcategory, bt.typtype, a.attnotnull, a.attgenerated <> '', a.attidentity
      FROM pg_attribute a
      JOIN pg_type t ON t.oid = a.atttypid
      JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
      JOIN pg_namespace btn ON btn.oid = bt.typnamespace
      WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum
      """;

  // Every unique index that enforces uniqueness: valid (a failed CREATE INDEX CONCURRENTLY leaves
  // an
  // invalid one), not partial, no expressions. Only the first indnkeyatts columns are the key; the
  // rest
  // are INCLUDE columns, which the index does not keep unique.
  private static final String UNIQUE_KEYS_SQL =
      """
      SELECT array_agg(a.attname ORDER BY k.ord)::text[], i.indisprimary, i.indimmediate, i.indisreplident
      FROM pg_index i
      CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = ? AND i.indisunique AND i.indisvalid AND i.indpred IS NULL
        AND i.indexprs IS NULL AND k.ord <= i.indnkeyatts
      GROUP BY i.indexrelid, i.indisprimary, i.indimmediate, i.indisreplident, i.indnkeyatts
      HAVING count(*) = i.indnkeyatts
      ORDER BY i.indexrelid
      """;

  private CatalogReader() {}

  /** The table's schema, or empty when no such table (or view-like relation) exists. */
  public static Optional<TableSchema> read(Connection connection, TableRef table)
      throws SQLException {
    long oid;
    char relkind;
    try (PreparedStatement ps = connection.prepareStatement(TABLE_SQL)) {
      ps.setString(1, table.schema());
      ps.setString(2, table.name());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        oid = rs.getLong(1);
        relkind = rs.getString(2).charAt(0);
      }
    }
    List<ColumnInfo> columns = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(COLUMNS_SQL)) {
      ps.setLong(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(
              new ColumnInfo(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5).charAt(0),
                  rs.getString(6).charAt(0),
                  rs.getBoolean(7),
                  rs.getBoolean(8),
                  identity(rs.getString(9))));
        }
      }
    }
    List<UniqueKey> uniqueKeys = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(UNIQUE_KEYS_SQL)) {
      ps.setLong(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          uniqueKeys.add(
              new UniqueKey(
                  Arrays.asList((String[]) rs.getArray(1).getArray()),
                  rs.getBoolean(2),
                  rs.getBoolean(3),
                  rs.getBoolean(4)));
        }
      }
    }
    return Optional.of(TableSchema.of(table, columns, relkind, uniqueKeys));
  }

  private static char identity(String attidentity) {
    return attidentity == null || attidentity.isEmpty() ? ' ' : attidentity.charAt(0);
  }

  /** Names of the ordinary tables in a schema, to suggest one when a name is wrong. */
  public static List<String> tablesIn(Connection connection, String schema) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relkind IN ('r','p') ORDER BY 1 LIMIT 20")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }
}
