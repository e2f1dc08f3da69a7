package io.pgparity.repair;

import io.pgparity.table.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads from pg_constraint which of the given tables reference which, on the side that enforces
 * them.
 */
public final class ForeignKeys {

  /** A foreign key of {@code child} that references {@code parent}. */
  public record Edge(TableRef child, TableRef parent) {}

  private static final String EDGES_SQL =
      """
      SELECT cn.nspname, c.relname, pn.nspname, p.relname
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
      JOIN pg_class p ON p.oid = k.confrelid JOIN pg_namespace pn ON pn.oid = p.relnamespace
      WHERE k.contype = 'f'
        AND (cn.nspname, c.relname) IN (SELECT * FROM unnest(?::text[], ?::text[]))
        AND (pn.nspname, p.relname) IN (SELECT * FROM unnest(?::text[], ?::text[]))
      ORDER BY 1, 2, 3, 4
      """;

  private ForeignKeys() {}

  /** The foreign keys between the tables (self-references included), each pair once. */
  public static List<Edge> among(Connection connection, List<TableRef> tables) throws SQLException {
    String[] schemas = tables.stream().map(TableRef::schema).toArray(String[]::new);
    String[] names = tables.stream().map(TableRef::name).toArray(String[]::new);
    Set<Edge> edges = new LinkedHashSet<>();
    try (PreparedStatement ps = connection.prepareStatement(EDGES_SQL)) {
      for (int i = 0; i < 2; i++) {
        ps.setArray(1 + 2 * i, connection.createArrayOf("text", schemas));
        ps.setArray(2 + 2 * i, connection.createArrayOf("text", names));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          edges.add(
              new Edge(
                  new TableRef(rs.getString(1), rs.getString(2)),
                  new TableRef(rs.getString(3), rs.getString(4))));
        }
      }
    }
    return new ArrayList<>(edges);
  }
}
