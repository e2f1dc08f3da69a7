package io.pgparity.job;

import io.pgparity.catalog.TablePlan;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every compared table's size on one side, read with one query: the planner's row estimate ({@code
 * reltuples}, -1 when never analyzed or vacuumed since PostgreSQL 14) and the heap's blocks now
 * ({@code pg_relation_size}, not the statistics' relpages, since heap slices cut real blocks).
 * Planning a thousand small tables one query at a time cost seconds; this is one round trip.
 */
record TableSizes(Map<TableRef, Size> sizes) {

  /** One table's size; {@code estimatedRows} is negative when the statistics do not know it. */
  record Size(long estimatedRows, long blocks) {}

  private static final String SQL =
      """
      SELECT n.nspname, c.relname, c.reltuples::bigint,
             pg_relation_size(c.oid) / current_setting('block_size')::bigint
      FROM unnest(?::text[], ?::text[]) AS w(schema_name, table_name)
      JOIN pg_namespace n ON n.nspname = w.schema_name
      JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.table_name
      """;

  TableSizes {
    sizes = Map.copyOf(sizes);
  }

  static TableSizes read(Connection connection, List<TableRef> tables) throws SQLException {
    Map<TableRef, Size> sizes = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(SQL)) {
      Array schemas =
          connection.createArrayOf("text", tables.stream().map(TableRef::schema).toArray());
      Array names = connection.createArrayOf("text", tables.stream().map(TableRef::name).toArray());
      ps.setArray(1, schemas);
      ps.setArray(2, names);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sizes.put(
              new TableRef(rs.getString(1), rs.getString(2)),
              new Size(rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return new TableSizes(sizes);
  }

  /**
   * How a failure of a query over {@code tables} names them: the table itself when there is one, as
   * every per-table failure does, else how many and the first.
   */
  static String label(List<TableRef> tables) {
    return tables.size() == 1
        ? tables.get(0).toString()
        : tables.size() + " small tables from " + tables.get(0);
  }

  /** The table's size; none (0 blocks, unknown rows) for a table this side does not have. */
  Size of(TableRef table) {
    return sizes.getOrDefault(table, new Size(-1, 0));
  }

  /**
   * These sizes, with the rows of {@code plans}' tables counted (under each plan's filter) in one
   * UNION ALL query: for small tables the statistics do not know yet, as the planner needs a row
   * count to tell a small table from a large one, and counting a few small heaps costs less than a
   * round trip each.
   */
  TableSizes counting(Connection connection, List<TablePlan> plans) throws SQLException {
    if (plans.isEmpty()) {
      return this;
    }
    List<String> branches = new ArrayList<>();
    for (int t = 0; t < plans.size(); t++) {
      TablePlan plan = plans.get(t);
      branches.add(
          "(SELECT "
              + t
              + ", count(*) FROM "
              + SqlIdentifier.quote(plan.table())
              + plan.whereClause()
              + ")");
    }
    Map<TableRef, Size> counted = new HashMap<>(sizes);
    try (PreparedStatement ps = connection.prepareStatement(String.join(" UNION ALL ", branches));
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        TableRef table = plans.get(rs.getInt(1)).table();
        counted.put(table, new Size(rs.getLong(2), of(table).blocks()));
      }
    }
    return new TableSizes(counted);
  }
}
