package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.catalog.SqlIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders the three guarded statements for one table of the target. A row is found by its key
 * (the column's own equality, so an index serves it); the guard then compares every value verify
 * saw by its text in the C collation, which tells apart what equality would not (case under
 * citext, numeric scale, -0): a row that changed since verify is left alone.
 */
final class StatementRenderer {

  private final TableFacts target;
  private final List<String> key;
  private final String table;

  StatementRenderer(TableFacts target, List<String> key) {
    checkArgument(!key.isEmpty(), "%s: a repair needs the key", target.table());
    key.forEach(target::require);
    this.target = target;
    this.key = List.copyOf(key);
    this.table = SqlIdentifier.quote(target.table());
  }

  /** Inserts the source's row, with every column the target can take, unless the key is already there. */
  String insert(Map<String, String> row) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (ColumnFacts column : target.columns()) {
      if (column.insertable() && row.containsKey(column.name())) {
        names.add(SqlIdentifier.quote(column.name()));
        values.add(SqlLiteral.typed(row.get(column.name()), column.type()));
      }
    }
    return "INSERT INTO " + table + " (" + String.join(", ", names) + ")"
        + (target.hasIdentity() ? " OVERRIDING SYSTEM VALUE" : "")
        + " SELECT " + String.join(", ", values)
        + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE " + keyMatch(row) + ");";
  }

  /** Sets the given columns to the given values, if the row still holds what verify saw. */
  String update(Map<String, String> set, Map<String, String> seen) {
    checkArgument(!set.isEmpty(), "an update sets at least one column");
    List<String> assignments = new ArrayList<>();
    set.forEach((name, value) ->
        assignments.add(SqlIdentifier.quote(name) + " = " + SqlLiteral.typed(value, target.require(name).type())));
    return "UPDATE " + table + " SET " + String.join(", ", assignments) + " WHERE " + keyMatch(seen) + " AND " + guard(seen) + ";";
  }

  /** Deletes the row, if it still holds what verify saw. */
  String delete(Map<String, String> seen) {
    return "DELETE FROM " + table + " WHERE " + keyMatch(seen) + " AND " + guard(seen) + ";";
  }

  private String keyMatch(Map<String, String> row) {
    List<String> terms = new ArrayList<>();
    for (String name : key) {
      String value = row.get(name);
      checkArgument(value != null, "%s: key column %s has no value", target.table(), name);
      terms.add(SqlIdentifier.quote(name) + " = " + SqlLiteral.typed(value, target.require(name).type()));
    }
    return String.join(" AND ", terms);
  }

  /** Every value verify saw, compared as text: NULL stays NULL, anything else byte for byte. */
  private String guard(Map<String, String> seen) {
    List<String> terms = new ArrayList<>();
    seen.forEach((name, value) -> {
      target.require(name);
      String column = SqlIdentifier.quote(name);
      // as text, also for NULL: a composite whose fields are all NULL IS NULL, but is not NULL
      terms.add(column + "::text" + (value == null ? " IS NULL" : " COLLATE \"C\" = " + SqlLiteral.quoted(value)));
    });
    return "(" + String.join(" AND ", terms) + ")";
  }
}
