package io.pgparity.catalog;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import java.util.List;

/**
 * What will be compared for one table after reconciling both catalogs: the key, the compared
 * columns (key first, then the common columns in the primary's order), the optional filter, and the
 * schema findings: {@code findings} are differences that make the table divergent (the replica
 * lacks what the primary has), {@code advisories} are reported but leave a table whose rows agree
 * consistent (a key the job names that the primary does not enforce either, a deferrable unique
 * constraint, a missing replica identity). A table that exists on one side only is not {@code
 * comparable}.
 *
 * <p>A table without a usable key is {@link #keyless()}: its key is one computed column, {@link
 * #ROW_HASH}, the exact row hash of the compared columns, which are not preceded by it. Rows are
 * then compared as multisets of whole rows: identical rows share the key, and duplicates count.
 */
public record TablePlan(
    TableRef table,
    List<ColumnInfo> key,
    List<ColumnInfo> columns,
    String where,
    List<String> findings,
    List<String> advisories,
    boolean comparable) {

  /**
   * The name of the computed key of a {@link #keyless()} table; the planner refuses a table with a
   * column of that name, so it never stands for a real column.
   */
  public static final String ROW_HASH = "pgparity_row_hash";

  public TablePlan {
    checkNotNull(table, "table");
    key = List.copyOf(key);
    columns = List.copyOf(columns);
    findings = List.copyOf(findings);
    advisories = List.copyOf(advisories);
    checkArgument(!comparable || !key.isEmpty(), "%s: a comparable table needs a key", table);
    boolean computedKey = key.stream().anyMatch(ColumnInfo::computed);
    checkArgument(
        !computedKey || (key.size() == 1 && key.get(0).name().equals(ROW_HASH)),
        "%s: only the row hash of a keyless table is a computed key",
        table);
    checkArgument(
        !comparable
            || (computedKey
                ? !columns.isEmpty() && columns.stream().noneMatch(ColumnInfo::computed)
                : columns.subList(0, key.size()).equals(key)),
        "%s: the key must lead the compared columns (a row hash key: not be one of them)",
        table);
  }

  /** A plan whose schema findings all make the table divergent. */
  public TablePlan(
      TableRef table,
      List<ColumnInfo> key,
      List<ColumnInfo> columns,
      String where,
      List<String> findings,
      boolean comparable) {
    this(table, key, columns, where, findings, List.of(), comparable);
  }

  /** Findings, then advisories: everything the report lists under the table's schema findings. */
  public List<String> allFindings() {
    return java.util.stream.Stream.concat(findings.stream(), advisories.stream()).toList();
  }

  /**
   * True when no key identifies the rows: the key is the row hash of the compared columns, so a
   * row's key changes with any of its values, and a key holds every identical copy of a row.
   */
  public boolean keyless() {
    return key.size() == 1 && key.get(0).computed();
  }

  public List<String> keyNames() {
    return key.stream().map(ColumnInfo::name).toList();
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnInfo::name).toList();
  }

  /** The job's filter as {@code " WHERE (filter)"}, or empty; applied identically on both sides. */
  public String whereClause() {
    return where == null ? "" : " WHERE (" + where + ")";
  }

  /** The job's filter as {@code " AND (filter)"}, or empty. */
  public String andWhere() {
    return where == null ? "" : " AND (" + where + ")";
  }
}
