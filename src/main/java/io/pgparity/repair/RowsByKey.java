package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.TableSchema;
import io.pgparity.hashing.ColumnEncoding;
import io.pgparity.table.SqlIdentifier;
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
 * Reads one side's rows for a batch of keys, every copy of each, the given columns as text under
 * the session's pinned settings. Keys without NULL travel as one text array per key column and are
 * matched with the column type's equality; each row comes back tagged with the position of the key
 * that found it, so a key whose text differs from the row's (citext, numeric scale) still finds its
 * row. A key with a NULL value is read on its own, that column matched by IS NULL (never {@code =
 * NULL}, which finds nothing). No job filter applies: the target row must become the source row,
 * whatever the filter selected.
 */
final class RowsByKey {

  private final TableSchema table;
  private final List<ColumnInfo> key;
  private final List<ColumnInfo> columns;
  private final boolean byText;

  /** {@code columns}: those to read, in this order; each must exist on the side, like the key's. */
  RowsByKey(TableSchema table, List<String> key, List<String> columns) {
    this(table, key, columns, false);
  }

  private RowsByKey(TableSchema table, List<String> key, List<String> columns, boolean byText) {
    checkArgument(!key.isEmpty(), "%s: reading rows by key needs the key", table.table());
    this.table = table;
    this.key = key.stream().map(table::require).toList();
    this.columns = columns.stream().map(table::require).toList();
    this.byText = byText;
  }

  /**
   * For a table verify compared without a key: the "key" is every compared column, and a row
   * belongs to it when each value's text (as verify read it) is byte for byte the key's, NULL only
   * for NULL: equality would also find other rows (numeric 1.0 = 1.00, -0 = 0, citext), which
   * verify told apart. Still one hash join per batch, so one scan of the table.
   */
  static RowsByKey byValues(TableSchema table, List<String> compared, List<String> columns) {
    return new RowsByKey(table, compared, columns, true);
  }

  /** Every column of the side, in attnum order. */
  RowsByKey(TableSchema table, List<String> key) {
    this(table, key, table.columns().stream().map(ColumnInfo::name).toList());
  }

  /**
   * For each key (its values in key order, null for SQL NULL), the rows the side holds now, each as
   * column name to text; as many rows as the side has copies.
   */
  List<List<Map<String, String>>> read(Connection connection, List<List<String>> keys)
      throws SQLException {
    CatalogFacts.qualifyTypes(connection);
    Map<Integer, List<Map<String, String>>> byKey = new HashMap<>();
    List<Integer> plain = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      checkArgument(
          keys.get(i).size() == key.size(),
          "a key has %s values, not %s",
          key.size(),
          keys.get(i).size());
      if (keys.get(i).contains(null) && !byText) {
        readWithNull(connection, keys.get(i), i, byKey);
      } else {
        plain.add(i);
      }
    }
    if (!plain.isEmpty()) {
      readPlain(connection, keys, plain, byKey);
    }
    List<List<Map<String, String>>> found = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      found.add(List.copyOf(byKey.getOrDefault(i, List.of())));
    }
    return found;
  }

  private void readPlain(
      Connection connection,
      List<List<String>> keys,
      List<Integer> positions,
      Map<Integer, List<Map<String, String>>> byKey)
      throws SQLException {
    List<String> aliases = new ArrayList<>();
    List<String> match = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      aliases.add("k" + i);
      if (byText) {
        // a prefix keeps every value apart from the NULL marker; "C" compares bytes whatever the
        // column's collation, and = keeps it a hash join
        match.add(
            "COALESCE('v' || "
                + ColumnEncoding.valueText(
                    "t." + SqlIdentifier.quote(key.get(i).name()), key.get(i).type())
                + ", 'n') COLLATE \"C\" = COALESCE('v' || x.k"
                + i
                + ", 'n')");
        continue;
      }
      match.add(
          "t."
              + SqlIdentifier.quote(key.get(i).name())
              + " = CAST(x.k"
              + i
              + " AS "
              + key.get(i).type()
              + ")");
    }
    String sql =
        "SELECT x.ord, "
            + select()
            + " FROM unnest("
            + String.join(", ", key.stream().map(c -> "?::text[]").toList())
            + ") WITH ORDINALITY AS x("
            + String.join(", ", aliases)
            + ", ord) JOIN "
            + SqlIdentifier.quote(table.table())
            + " t ON "
            + String.join(" AND ", match);
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < key.size(); i++) {
        int column = i;
        ps.setArray(
            i + 1,
            connection.createArrayOf(
                "text",
                positions.stream().map(p -> keys.get(p).get(column)).toArray(String[]::new)));
      }
      ps.setFetchSize(1_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byKey
              .computeIfAbsent(positions.get(rs.getInt(1) - 1), k -> new ArrayList<>())
              .add(row(rs));
        }
      }
    }
  }

  private void readWithNull(
      Connection connection,
      List<String> values,
      int position,
      Map<Integer, List<Map<String, String>>> byKey)
      throws SQLException {
    List<String> match = new ArrayList<>();
    List<String> bound = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      String column = "t." + SqlIdentifier.quote(key.get(i).name());
      if (values.get(i) == null) {
        // IS NULL lets an index serve; IS NOT DISTINCT FROM NULL keeps out a composite whose
        // fields are all NULL, which IS NULL too but is not a NULL key
        match.add(column + " IS NULL AND " + column + " IS NOT DISTINCT FROM NULL");
      } else {
        match.add(column + " = CAST(?::text AS " + key.get(i).type() + ")");
        bound.add(values.get(i));
      }
    }
    String sql =
        "SELECT 0, "
            + select()
            + " FROM "
            + SqlIdentifier.quote(table.table())
            + " t WHERE "
            + String.join(" AND ", match);
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < bound.size(); i++) {
        ps.setString(i + 1, bound.get(i));
      }
      ps.setFetchSize(1_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byKey.computeIfAbsent(position, k -> new ArrayList<>()).add(row(rs));
        }
      }
    }
  }

  private String select() {
    return String.join(
        ", ",
        columns.stream()
            .map(c -> ColumnEncoding.valueText("t." + SqlIdentifier.quote(c.name()), c.type()))
            .toList());
  }

  /** The current row of {@code rs}; column 1 is the key's position. */
  private Map<String, String> row(ResultSet rs) throws SQLException {
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      row.put(columns.get(i).name(), rs.getString(i + 2));
    }
    return row;
  }
}
