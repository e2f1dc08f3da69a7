package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.TableSchema;
import io.pgparity.hashing.ColumnEncoding;
import io.pgparity.table.SqlIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders the guarded statements for one table of the target. A row is found by its key (the
 * column's own equality, so an index serves it; a NULL key value by IS NOT DISTINCT FROM, never
 * {@code = NULL}); the guard then compares every value verify saw by its text in the C collation,
 * which tells apart what equality would not (case under citext, numeric scale, -0): a row that
 * changed since verify is left alone. Where a key holds several rows (a target without a unique
 * key), {@link #insertCopy} and {@link #deleteCopy} write one copy each, guarded by how many
 * identical copies the target holds.
 */
final class StatementRenderer {

  private final TableSchema target;
  private final List<String> key;
  private final String table;

  StatementRenderer(TableSchema target, List<String> key) {
    this(target, key, false);
    checkArgument(!key.isEmpty(), "%s: a repair needs the key", target.table());
  }

  private StatementRenderer(TableSchema target, List<String> key, boolean keyless) {
    key.forEach(target::require);
    this.target = target;
    this.key = List.copyOf(key);
    this.table = SqlIdentifier.quote(target.table());
  }

  /**
   * For a table verify compared without a key (by row hash): a row is found by its values alone, so
   * only {@link #insertCopy} and {@link #deleteCopy} apply, each guarded by how many identical
   * copies the target holds.
   */
  static StatementRenderer keyless(TableSchema target) {
    return new StatementRenderer(target, List.of(), true);
  }

  /**
   * Inserts the source's row, with every column the target can take, unless the key is already
   * there.
   */
  String insert(Map<String, String> row) {
    return insertSelect(row)
        + " WHERE NOT EXISTS (SELECT 1 FROM "
        + table
        + " WHERE "
        + keyMatch(row)
        + ");";
  }

  /** {@code INSERT INTO t (columns) SELECT values}, without its guard. */
  private String insertSelect(Map<String, String> row) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (ColumnInfo column : target.columns()) {
      if (column.insertable() && row.containsKey(column.name())) {
        names.add(SqlIdentifier.quote(column.name()));
        values.add(SqlLiteral.typed(row.get(column.name()), column.type()));
      }
    }
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", names)
        + ")"
        + (target.hasIdentity() ? " OVERRIDING SYSTEM VALUE" : "")
        + " SELECT "
        + String.join(", ", values);
  }

  /** Sets the given columns to the given values, if the row still holds what verify saw. */
  String update(Map<String, String> set, Map<String, String> seen) {
    checkArgument(!set.isEmpty(), "an update sets at least one column");
    List<String> assignments = new ArrayList<>();
    set.forEach(
        (name, value) ->
            assignments.add(
                SqlIdentifier.quote(name)
                    + " = "
                    + SqlLiteral.typed(value, target.require(name).type())));
    return "UPDATE "
        + table
        + " SET "
        + String.join(", ", assignments)
        + " WHERE "
        + keyMatch(seen)
        + " AND "
        + guard(seen)
        + ";";
  }

  /** Deletes the row, if it still holds what verify saw. */
  String delete(Map<String, String> seen) {
    return "DELETE FROM " + table + " WHERE " + keyMatch(seen) + " AND " + guard(seen) + ";";
  }

  /**
   * Inserts one copy of the source's row if the target holds exactly {@code copies} rows with its
   * key and these values (text of {@code match}'s columns), so that it adds one copy and, applied
   * twice or after the target changed, none.
   */
  String insertCopy(Map<String, String> row, Map<String, String> match, long copies) {
    checkArgument(copies >= 0, "a count of copies is never negative");
    return insertSelect(row) + " WHERE " + copies(match) + " = " + copies + ";";
  }

  /**
   * Deletes one row with the key and exactly the values verify saw (any one of identical copies:
   * the first found, by its tableoid and ctid), if the target holds exactly {@code copies} such
   * rows, so it never deletes more than one and, after the target changed, none.
   */
  String deleteCopy(Map<String, String> seen, long copies) {
    checkArgument(copies >= 1, "deleting a copy needs at least one");
    // tableoid too: rows of different partitions may share a ctid
    return "DELETE FROM "
        + table
        + " WHERE (tableoid, ctid) = (SELECT tableoid, ctid FROM "
        + table
        + " WHERE "
        + keyMatch(seen)
        + " AND "
        + guard(seen)
        + " LIMIT 1) AND "
        + copies(seen)
        + " = "
        + copies
        + ";";
  }

  /** How many rows of the target have the row's key and values, as a scalar subquery. */
  private String copies(Map<String, String> row) {
    return "(SELECT count(*) FROM "
        + table
        + " WHERE "
        + keyMatch(row)
        + " AND "
        + guard(row)
        + ")";
  }

  private String keyMatch(Map<String, String> row) {
    if (key.isEmpty()) {
      return "TRUE"; // keyless: the guard's values alone find the row
    }
    List<String> terms = new ArrayList<>();
    for (String name : key) {
      checkArgument(row.containsKey(name), "%s: key column %s has no value", target.table(), name);
      String value = row.get(name);
      String column = SqlIdentifier.quote(name);
      String literal = SqlLiteral.typed(value, target.require(name).type());
      // IS NULL lets an index find the row; IS NOT DISTINCT FROM keeps out a composite whose
      // fields are all NULL, which IS NULL too but is not the NULL verify saw
      terms.add(
          value == null
              ? column + " IS NULL AND " + column + " IS NOT DISTINCT FROM " + literal
              : column + " = " + literal);
    }
    return String.join(" AND ", terms);
  }

  /** Every value verify saw, compared as text: NULL stays NULL, anything else byte for byte. */
  private String guard(Map<String, String> seen) {
    List<String> terms = new ArrayList<>();
    seen.forEach(
        (name, value) -> {
          String column =
              ColumnEncoding.valueText(SqlIdentifier.quote(name), target.require(name).type());
          // as text, also for NULL: a composite whose fields are all NULL IS NULL, but is not NULL
          terms.add(
              column
                  + (value == null ? " IS NULL" : " COLLATE \"C\" = " + SqlLiteral.quoted(value)));
        });
    return "(" + String.join(" AND ", terms) + ")";
  }
}
