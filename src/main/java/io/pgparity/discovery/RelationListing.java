package io.pgparity.discovery;

import io.pgparity.table.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every relation of one side that a selection may match, read in one query. */
public final class RelationListing {

  // Tables, partitioned tables, materialized views and foreign tables outside the system schemas:
  // PostgreSQL reserves names beginning with pg_ for schemas (pg_catalog, pg_toast, pg_temp_N,
  // pg_toast_temp_N), and information_schema is the standard's views over pg_catalog. The parent
  // is the partitioned table a partition belongs to (pg_inherits holds one row for a partition).
  // has_table_privilege does not look at the schema, and without USAGE on it no table there can
  // be read. reltuples is -1 until the first VACUUM or ANALYZE (PostgreSQL 14 and later).
  private static final String SQL =
      """
      SELECT n.nspname, c.relname, c.relkind, c.relpersistence = 'u', pn.nspname, p.relname,
             coalesce(has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT'),
                      false),
             greatest(c.reltuples, -1)::bigint, c.relpages
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
      LEFT JOIN pg_class p ON p.oid = i.inhparent
      LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
      WHERE c.relkind IN ('r', 'p', 'm', 'f')
        AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      """;

  private final Map<TableRef, CatalogRelation> relations = new HashMap<>();
  private final Map<TableRef, List<TableRef>> children = new HashMap<>();

  public RelationListing(Collection<CatalogRelation> relations) {
    for (CatalogRelation relation : relations) {
      if (this.relations.put(relation.table(), relation) != null) {
        throw new IllegalArgumentException(relation.table() + " is listed twice");
      }
      if (relation.parent() != null) {
        children.computeIfAbsent(relation.parent(), p -> new ArrayList<>()).add(relation.table());
      }
    }
  }

  /** The side's listing, in one query over {@code connection}. */
  public static RelationListing read(Connection connection) throws SQLException {
    List<CatalogRelation> relations = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(SQL);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String parentSchema = rs.getString(5);
        relations.add(
            new CatalogRelation(
                new TableRef(rs.getString(1), rs.getString(2)),
                RelationKind.of(rs.getString(3).charAt(0)),
                rs.getBoolean(4),
                parentSchema == null ? null : new TableRef(parentSchema, rs.getString(6)),
                rs.getBoolean(7),
                rs.getLong(8),
                rs.getLong(9)));
      }
    }
    return new RelationListing(relations);
  }

  public Optional<CatalogRelation> get(TableRef table) {
    return Optional.ofNullable(relations.get(table));
  }

  public Set<TableRef> tables() {
    return relations.keySet();
  }

  /** The partitions of {@code table} on this side (none unless it is partitioned here). */
  public List<TableRef> children(TableRef table) {
    return children.getOrDefault(table, List.of());
  }

  /** The partitioned tables {@code table} is a partition of here, nearest first. */
  public Set<TableRef> ancestors(TableRef table) {
    Set<TableRef> ancestors = new LinkedHashSet<>();
    CatalogRelation relation = relations.get(table);
    while (relation != null && relation.parent() != null && ancestors.add(relation.parent())) {
      relation = relations.get(relation.parent());
    }
    return ancestors;
  }

  /**
   * The estimate for reading {@code table} here as a whole: its own, or for a partitioned table the
   * sum over its leaves; -1 rows when no part of it was ever analyzed.
   */
  long[] estimate(TableRef table) {
    CatalogRelation relation = relations.get(table);
    if (relation == null) {
      return new long[] {-1, 0};
    }
    if (!relation.partitioned()) {
      return new long[] {relation.estimatedRows(), relation.pages()};
    }
    long rows = -1;
    long pages = 0;
    for (TableRef child : children(table)) {
      long[] part = estimate(child);
      if (part[0] >= 0) {
        rows = Math.max(rows, 0) + part[0];
      }
      pages += part[1];
    }
    return new long[] {rows, pages};
  }
}
