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
 */
public record TablePlan(
    TableRef table,
    List<ColumnInfo> key,
    List<ColumnInfo> columns,
    String where,
    List<String> findings,
    List<String> advisories,
    boolean comparable) {

  public TablePlan {
    checkNotNull(table, "table");
    key = List.copyOf(key);
    columns = List.copyOf(columns);
    findings = List.copyOf(findings);
    advisories = List.copyOf(advisories);
    checkArgument(!comparable || !key.isEmpty(), "%s: a comparable table needs a key", table);
    checkArgument(
        !comparable || columns.subList(0, key.size()).equals(key),
        "%s: the key must lead the compared columns",
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
