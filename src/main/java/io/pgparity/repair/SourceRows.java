package io.pgparity.repair;

import io.pgparity.catalog.SqlIdentifier;
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
 * Re-reads the source's rows for a batch of keys, every column as text under the session's pinned
 * settings. Keys travel as one text array per key column and are matched with the column type's
 * equality; each row comes back tagged with the position of the key that found it, so a key whose
 * text differs from the row's (citext, numeric scale) still finds its row. No job filter applies:
 * the target row must become the source row, whatever the filter selected.
 */
final class SourceRows {

  /** What the source holds for one asked key: no row, one row, or more (a key that is not unique). */
  record Found(List<Map<String, String>> rows) {

    Found {
      rows = List.copyOf(rows);
    }

    /** The one row, or null when there is none. */
    Map<String, String> row() {
      return rows.isEmpty() ? null : rows.get(0);
    }

    boolean ambiguous() {
      return rows.size() > 1;
    }
  }

  private final TableFacts source;
  private final List<ColumnFacts> key;

  SourceRows(TableFacts source, List<String> key) {
    this.source = source;
    this.key = key.stream().map(source::require).toList();
  }

  /** For each key (column name to text, in key order), what the source holds now. */
  List<Found> read(Connection connection, List<Map<String, String>> keys) throws SQLException {
    CatalogFacts.qualifyTypes(connection);
    List<String> aliases = new ArrayList<>();
    List<String> match = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      aliases.add("k" + i);
      match.add("t." + SqlIdentifier.quote(key.get(i).name()) + " = CAST(x.k" + i + " AS " + key.get(i).type() + ")");
    }
    List<String> select = source.columns().stream().map(c -> "t." + SqlIdentifier.quote(c.name()) + "::text").toList();
    String sql = "SELECT x.ord, " + String.join(", ", select)
        + " FROM unnest(" + String.join(", ", key.stream().map(c -> "?::text[]").toList()) + ") WITH ORDINALITY AS x("
        + String.join(", ", aliases) + ", ord) JOIN " + SqlIdentifier.quote(source.table()) + " t ON "
        + String.join(" AND ", match);
    Map<Integer, List<Map<String, String>>> byKey = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < key.size(); i++) {
        String name = key.get(i).name();
        ps.setArray(i + 1, connection.createArrayOf("text", keys.stream().map(k -> k.get(name)).toArray(String[]::new)));
      }
      ps.setFetchSize(1_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 0; i < source.columns().size(); i++) {
            row.put(source.columns().get(i).name(), rs.getString(i + 2));
          }
          byKey.computeIfAbsent(rs.getInt(1) - 1, k -> new ArrayList<>()).add(row);
        }
      }
    }
    List<Found> found = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      found.add(new Found(byKey.getOrDefault(i, List.of())));
    }
    return found;
  }
}
