package io.pgparity.catalog;

import io.pgparity.config.ConfigException;
import io.pgparity.config.TableSpec;
import io.pgparity.table.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reconciles a table's two catalogs with what the job asked for. Mistakes in the job (unknown table
 * or column, no usable key) are {@link ConfigException}s; differences between the sides are
 * findings, and only the columns both sides hold with the same type are compared.
 */
public final class TablePlanner {

  private TablePlanner() {}

  /**
   * The exact row hash of some columns as a bigint SQL expression (hashing.RowHashSql::rowHash,
   * which this package cannot name: hashing reads the catalog).
   */
  @FunctionalInterface
  public interface RowHash {
    String sql(List<ColumnInfo> columns);
  }

  /**
   * Plans a table that must have a usable key: a table without one is a {@link ConfigException}.
   */
  public static TablePlan plan(
      TableSpec spec, Optional<TableSchema> primary, Optional<TableSchema> replica) {
    return plan(spec, primary, replica, null);
  }

  /**
   * Plans a table; one without a usable key (no primary key, no unique index over NOT NULL columns,
   * no {@code key:}) is {@link TablePlan#keyless()}, keyed by {@code rowHash} over its compared
   * columns. A null {@code rowHash} refuses such a table.
   */
  public static TablePlan plan(
      TableSpec spec,
      Optional<TableSchema> primary,
      Optional<TableSchema> replica,
      RowHash rowHash) {
    TableRef table = spec.table();
    if (primary.isEmpty() && replica.isEmpty()) {
      throw new ConfigException(
          table
              + ": no such table on the primary or the replica; check the schema-qualified name in the job");
    }
    if (primary.isEmpty() || replica.isEmpty()) {
      String where = primary.isEmpty() ? "replica" : "primary";
      String other = primary.isEmpty() ? "primary" : "replica";
      return new TablePlan(
          table,
          List.of(),
          List.of(),
          spec.where(),
          List.of(
              "table exists on the "
                  + where
                  + " only; create it on the "
                  + other
                  + " (logical replication does not copy DDL)"),
          false);
    }
    TableSchema p = primary.get();
    TableSchema r = replica.get();
    if (rowHash != null && spec.key().isEmpty() && p.candidateKeys().isEmpty()) {
      return keyless(spec, p, r, rowHash);
    }
    List<String> keyNames = keyNames(spec, p);
    checkMask(spec, keyNames, p, r);
    List<String> findings = new ArrayList<>();
    List<ColumnInfo> key = new ArrayList<>();
    for (String name : keyNames) {
      ColumnInfo onPrimary = p.column(name).orElseThrow(() -> unknownColumn(table, name, "key", p));
      Optional<ColumnInfo> onReplica = r.column(name);
      if (onReplica.isEmpty() || !onReplica.get().type().equals(onPrimary.type())) {
        findings.add(
            "key column "
                + name
                + (onReplica.isEmpty()
                    ? " is missing on the replica"
                    : " is "
                        + onPrimary.type()
                        + " on the primary but "
                        + onReplica.get().type()
                        + " on the replica")
                + "; the table cannot be compared by key");
        return new TablePlan(table, List.of(), List.of(), spec.where(), findings, false);
      }
      key.add(onPrimary);
    }
    List<String> advisories = new ArrayList<>();
    KeyEnforcement.check(keyNames, p, r, findings, advisories);
    if (spec.settle() != null) {
      checkSettleColumn(table, spec.settle().column(), p);
      checkSettleColumn(table, spec.settle().column(), r);
    }
    Set<String> wanted = wantedColumns(spec, p, r);
    List<ColumnInfo> columns = new ArrayList<>(key);
    for (String name : wanted) {
      if (keyNames.contains(name)) {
        continue;
      }
      compareColumn(name, p, r, findings).ifPresent(columns::add);
    }
    return new TablePlan(table, key, columns, spec.where(), findings, advisories, true);
  }

  /**
   * A table without a usable key: every compared column both sides hold with the same type, keyed
   * by their row hash. A column named like the computed key would make the reports ambiguous.
   */
  private static TablePlan keyless(TableSpec spec, TableSchema p, TableSchema r, RowHash rowHash) {
    TableRef table = spec.table();
    if (p.column(TablePlan.ROW_HASH).isPresent() || r.column(TablePlan.ROW_HASH).isPresent()) {
      throw new ConfigException(
          table
              + ": has no primary key or unique index over NOT NULL columns, so its rows are keyed"
              + " by their row hash, reported as "
              + TablePlan.ROW_HASH
              + ", but the table has a column of that name; name the table's identifying columns"
              + " with `key: [column, ...]` in the job file");
    }
    checkMask(spec, List.of(), p, r);
    if (!spec.mask().isEmpty()) {
      // the report's key is an unkeyed hash of every compared value, the masked ones too: with the
      // other columns in the report, a guess at a masked value could be confirmed
      throw new ConfigException(
          table
              + ": mask names "
              + String.join(", ", spec.mask())
              + ", but the table has no primary key or unique index over NOT NULL columns, so its"
              + " rows are reported by a hash of all their values, masked ones included; name"
              + " identifying columns with `key: [column, ...]`, or leave the masked columns out"
              + " with `ignore-columns`");
    }
    if (spec.settle() != null) {
      checkSettleColumn(table, spec.settle().column(), p);
      checkSettleColumn(table, spec.settle().column(), r);
    }
    List<String> findings = new ArrayList<>();
    List<ColumnInfo> columns = new ArrayList<>();
    for (String name : wantedColumns(spec, p, r)) {
      compareColumn(name, p, r, findings).ifPresent(columns::add);
    }
    if (columns.isEmpty()) {
      findings.add("no column is held by both sides with the same type; rows cannot be compared");
      return new TablePlan(table, List.of(), List.of(), spec.where(), findings, false);
    }
    ColumnInfo key = ColumnInfo.computed(TablePlan.ROW_HASH, rowHash.sql(columns));
    List<String> advisories =
        List.of(
            "no primary key or unique index over NOT NULL columns on the primary: rows are"
                + " compared as multisets of whole rows, keyed by their row hash ("
                + TablePlan.ROW_HASH
                + "); a changed row is reported as one missing and one extra row");
    return new TablePlan(table, List.of(key), columns, spec.where(), findings, advisories, true);
  }

  /** The column to compare, or a finding when one side lacks it or holds another type. */
  private static Optional<ColumnInfo> compareColumn(
      String name, TableSchema p, TableSchema r, List<String> findings) {
    Optional<ColumnInfo> onPrimary = p.column(name);
    Optional<ColumnInfo> onReplica = r.column(name);
    if (onPrimary.isEmpty()) {
      findings.add("column " + name + " exists on the replica only");
    } else if (onReplica.isEmpty()) {
      findings.add("column " + name + " is missing on the replica");
    } else if (!onPrimary.get().type().equals(onReplica.get().type())) {
      findings.add(
          "column "
              + name
              + " is "
              + onPrimary.get().type()
              + " on the primary but "
              + onReplica.get().type()
              + " on the replica; not compared");
    } else {
      return onPrimary;
    }
    return Optional.empty();
  }

  private static List<String> keyNames(TableSpec spec, TableSchema primary) {
    if (!spec.key().isEmpty()) {
      for (String name : spec.key()) {
        ColumnInfo column =
            primary
                .column(name)
                .orElseThrow(() -> unknownColumn(spec.table(), name, "key", primary));
        if (!column.notNull()) {
          throw new ConfigException(
              spec.table()
                  + ": key column "
                  + name
                  + " allows NULL; a key must be NOT NULL and unique, so choose"
                  + " other key columns or add the constraint");
        }
      }
      return spec.key();
    }
    if (primary.candidateKeys().isEmpty()) {
      throw new ConfigException(
          spec.table()
              + ": no primary key and no unique index over NOT NULL columns on the primary; add `key: [column, ...]`"
              + " naming NOT NULL columns that are unique to the table's entry in the job file");
    }
    return primary.candidateKeys().get(0);
  }

  private static Set<String> wantedColumns(
      TableSpec spec, TableSchema primary, TableSchema replica) {
    Set<String> wanted = new LinkedHashSet<>();
    if (!spec.columns().isEmpty()) {
      for (String name : spec.columns()) {
        if (primary.column(name).isEmpty() && replica.column(name).isEmpty()) {
          throw unknownColumn(spec.table(), name, "columns", primary);
        }
        wanted.add(name);
      }
      return wanted;
    }
    for (String name : spec.ignoreColumns()) {
      if (primary.column(name).isEmpty() && replica.column(name).isEmpty()) {
        throw unknownColumn(spec.table(), name, "ignore-columns", primary);
      }
      if (spec.key().contains(name)
          || (!primary.candidateKeys().isEmpty()
              && spec.key().isEmpty()
              && primary.candidateKeys().get(0).contains(name))) {
        throw new ConfigException(
            spec.table()
                + ": ignore-columns names key column "
                + name
                + "; key columns are always compared");
      }
    }
    primary.columns().forEach(c -> wanted.add(c.name()));
    replica.columns().forEach(c -> wanted.add(c.name()));
    spec.ignoreColumns().forEach(wanted::remove);
    return wanted;
  }

  /**
   * Masked columns must exist; key columns identify rows in every report, so they cannot be masked.
   */
  private static void checkMask(
      TableSpec spec, List<String> keyNames, TableSchema primary, TableSchema replica) {
    for (String name : spec.mask()) {
      if (primary.column(name).isEmpty() && replica.column(name).isEmpty()) {
        throw unknownColumn(spec.table(), name, "mask", primary);
      }
      if (keyNames.contains(name)) {
        throw new ConfigException(
            spec.table()
                + ": mask names key column "
                + name
                + "; keys identify rows in every report and cannot be"
                + " masked: remove "
                + name
                + " from mask, or name other NOT NULL unique columns with `key: [...]`");
      }
    }
  }

  /**
   * The settle column is read on both sides and compared with the clock, so it must be a date or
   * time.
   */
  private static void checkSettleColumn(TableRef table, String name, TableSchema side) {
    ColumnInfo column =
        side.column(name).orElseThrow(() -> unknownColumn(table, name, "settle-column", side));
    if (column.category() != 'D'
        || !(column.baseType().equals("date") || column.baseType().startsWith("timestamp"))) {
      throw new ConfigException(
          table
              + ": settle-column names '"
              + name
              + "' of type "
              + column.type()
              + "; it must be a date, timestamp or timestamptz column the application sets on every write,"
              + " such as updated_at");
    }
  }

  private static ConfigException unknownColumn(
      TableRef table, String name, String option, TableSchema schema) {
    return new ConfigException(
        table
            + ": "
            + option
            + " names column '"
            + name
            + "', which does not exist; columns are: "
            + String.join(", ", schema.columns().stream().map(ColumnInfo::name).toList()));
  }
}
