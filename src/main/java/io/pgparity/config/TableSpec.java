package io.pgparity.config;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import java.util.List;

/**
 * One table to compare. An empty {@code key} means: the primary key, else a unique index over NOT
 * NULL columns. An empty {@code columns} means all columns but {@code ignoreColumns}. {@code where}
 * (nullable) is applied identically on both sides; {@code settle} (nullable) is the table's settle
 * window. {@code mask} names columns whose values are reported only as fingerprints; key columns
 * identify rows in every report, so they cannot be masked.
 */
public record TableSpec(
    TableRef table,
    List<String> key,
    List<String> columns,
    List<String> ignoreColumns,
    String where,
    Settle settle,
    List<String> mask) {

  public TableSpec {
    checkNotNull(table, "table");
    key = List.copyOf(key);
    columns = List.copyOf(columns);
    ignoreColumns = List.copyOf(ignoreColumns);
    checkArgument(
        columns.isEmpty() || ignoreColumns.isEmpty(),
        "%s: give either columns or ignore-columns, not both",
        table);
    checkArgument(where == null || !where.isBlank(), "%s: where must not be blank", table);
    mask = List.copyOf(mask);
    for (String column : mask) {
      checkArgument(
          !key.contains(column),
          "%s: mask names key column %s; keys identify rows in every report and cannot be masked:"
              + " remove %s from mask, or give a key without it",
          table,
          column,
          column);
    }
  }

  /** A table without masked columns. */
  public TableSpec(
      TableRef table,
      List<String> key,
      List<String> columns,
      List<String> ignoreColumns,
      String where,
      Settle settle) {
    this(table, key, columns, ignoreColumns, where, settle, List.of());
  }

  /** A table without a settle window. */
  public TableSpec(
      TableRef table,
      List<String> key,
      List<String> columns,
      List<String> ignoreColumns,
      String where) {
    this(table, key, columns, ignoreColumns, where, null);
  }

  /** A table compared on all columns by its primary key. */
  public static TableSpec of(TableRef table) {
    return new TableSpec(table, List.of(), List.of(), List.of(), null);
  }
}
