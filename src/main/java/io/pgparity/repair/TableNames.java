package io.pgparity.repair;

import io.pgparity.table.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the unquoted {@code schema.table} names of job.json back into schema and table. A dot may
 * be part of either name, so the catalog decides; a name it does not know (or knows twice) is split
 * at its first dot.
 */
public final class TableNames {

  private static final String SQL =
      """
      SELECT n.nspname || '.' || c.relname, n.nspname, c.relname
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname || '.' || c.relname = ANY (?::text[]) AND c.relkind IN ('r', 'p', 'm', 'f')
      """;

  private TableNames() {}

  public static List<TableRef> resolve(Connection connection, List<String> names)
      throws SQLException {
    Map<String, List<TableRef>> found = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(SQL)) {
      ps.setArray(1, connection.createArrayOf("text", names.toArray(String[]::new)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found
              .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new TableRef(rs.getString(2), rs.getString(3)));
        }
      }
    }
    List<TableRef> tables = new ArrayList<>();
    for (String name : names) {
      // run files now write TableRef.unambiguous(); a name that reads back as itself is one
      Optional<TableRef> written = unambiguous(name);
      if (written.isPresent()) {
        tables.add(written.get());
        continue;
      }
      List<TableRef> candidates = found.getOrDefault(name, List.of());
      tables.add(candidates.size() == 1 ? candidates.get(0) : firstDot(name));
    }
    return tables;
  }

  /** The table {@code name} is the unambiguous form of, if it is one. */
  static Optional<TableRef> unambiguous(String name) {
    try {
      TableRef table = TableRef.parse(name);
      return table.unambiguous().equals(name) ? Optional.of(table) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The name split at its first dot. */
  public static TableRef firstDot(String name) {
    int dot = name.indexOf('.');
    if (dot <= 0 || dot == name.length() - 1) {
      throw new IllegalArgumentException("table '" + name + "' in job.json is not schema.table");
    }
    return new TableRef(name.substring(0, dot), name.substring(dot + 1));
  }
}
