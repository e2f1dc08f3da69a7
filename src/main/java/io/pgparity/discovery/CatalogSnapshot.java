package io.pgparity.discovery;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.TableSchema;
import io.pgparity.catalog.UniqueKey;
import io.pgparity.table.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every compared table's columns and unique keys on one side, read in three queries whatever the
 * number of tables (relations, columns, unique keys); each {@link TableSchema} is the one {@link
 * io.pgparity.catalog.CatalogReader#read} builds for that table alone. The SQL is CatalogReader's
 * with {@code = ANY(?)} over the tables' oids.
 */
public final class CatalogSnapshot {

  private static final String TABLES_SQL =
      """
      SELECT c.oid, c.relkind, n.nspname, c.relname
      FROM unnest(?::text[], ?::text[]) AS w(nspname, relname)
      JOIN pg_namespace n ON n.nspname = w.nspname
      JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.relname
      WHERE c.relkind IN ('r', 'p', 'm', 'f')
      """;

  private static final String COLUMNS_SQL =
      """
      SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), bt.typname, btn.nspname,
             bt.typcategory, bt.typtype, a.attnotnull, a.attgenerated <> '', a.attidentity
      FROM pg_attribute a
      JOIN pg_type t ON t.oid = a.atttypid
      JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
      JOIN pg_namespace btn ON btn.oid = bt.typnamespace
      WHERE a.attrelid = ANY(?::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attrelid, a.attnum
      """;

  // Every unique index that enforces uniqueness: valid (a failed CREATE INDEX CONCURRENTLY leaves
  // an invalid one), not partial, no expressions. Only the first indnkeyatts columns are the key;
  // the rest are INCLUDE columns, which the index does not keep unique.
  private static final String UNIQUE_KEYS_SQL =
      """
      SELECT i.indrelid, array_agg(a.attname ORDER BY k.ord)::text[], i.indisprimary,
             i.indimmediate, i.indisreplident
      FROM pg_index i
      CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = ANY(?::oid[]) AND i.indisunique AND i.indisvalid AND i.indpred IS NULL
        AND i.indexprs IS NULL AND k.ord <= i.indnkeyatts
      GROUP BY i.indrelid, i.indexrelid, i.indisprimary, i.indimmediate, i.indisreplident,
               i.indnkeyatts
      HAVING count(*) = i.indnkeyatts
      ORDER BY i.indrelid, i.indexrelid
      """;

  private final Map<TableRef, TableSchema> schemas;

  private CatalogSnapshot(Map<TableRef, TableSchema> schemas) {
    this.schemas = Map.copyOf(schemas);
  }

  /** The schemas of those of {@code tables} that exist on this side. */
  public static CatalogSnapshot read(Connection connection, Collection<TableRef> tables)
      throws SQLException {
    List<TableRef> wanted = List.copyOf(new LinkedHashSet<>(tables));
    Map<Long, TableRef> byOid = new HashMap<>();
    Map<Long, Character> relkinds = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(TABLES_SQL)) {
      ps.setArray(
          1, connection.createArrayOf("text", wanted.stream().map(TableRef::schema).toArray()));
      ps.setArray(
          2, connection.createArrayOf("text", wanted.stream().map(TableRef::name).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long oid = rs.getLong(1);
          relkinds.put(oid, rs.getString(2).charAt(0));
          byOid.put(oid, new TableRef(rs.getString(3), rs.getString(4)));
        }
      }
    }
    Object[] oids = byOid.keySet().toArray();
    Map<Long, List<ColumnInfo>> columns = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(COLUMNS_SQL)) {
      ps.setArray(1, connection.createArrayOf("int8", oids));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns
              .computeIfAbsent(rs.getLong(1), oid -> new ArrayList<>())
              .add(
                  new ColumnInfo(
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6).charAt(0),
                      rs.getString(7).charAt(0),
                      rs.getBoolean(8),
                      rs.getBoolean(9),
                      identity(rs.getString(10))));
        }
      }
    }
    Map<Long, List<UniqueKey>> uniqueKeys = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(UNIQUE_KEYS_SQL)) {
      ps.setArray(1, connection.createArrayOf("int8", oids));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          uniqueKeys
              .computeIfAbsent(rs.getLong(1), oid -> new ArrayList<>())
              .add(
                  new UniqueKey(
                      Arrays.asList((String[]) rs.getArray(2).getArray()),
                      rs.getBoolean(3),
                      rs.getBoolean(4),
                      rs.getBoolean(5)));
        }
      }
    }
    Map<TableRef, TableSchema> schemas = new HashMap<>();
    byOid.forEach(
        (oid, table) ->
            schemas.put(
                table,
                TableSchema.of(
                    table,
                    columns.getOrDefault(oid, List.of()),
                    relkinds.get(oid),
                    uniqueKeys.getOrDefault(oid, List.of()))));
    return new CatalogSnapshot(schemas);
  }

  private static char identity(String attidentity) {
    return attidentity == null || attidentity.isEmpty() ? ' ' : attidentity.charAt(0);
  }

  /** The table's schema on this side, or empty when it does not exist here. */
  public Optional<TableSchema> schema(TableRef table) {
    return Optional.ofNullable(schemas.get(table));
  }

  /** Every table read. */
  public Map<TableRef, TableSchema> schemas() {
    return schemas;
  }
}
