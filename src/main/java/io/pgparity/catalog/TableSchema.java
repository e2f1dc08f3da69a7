package io.pgparity.catalog;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A table's columns in attnum order, its candidate keys (the primary key first, then unique indexes
 * whose columns are all NOT NULL, no partial, expression or deferrable ones; these pick the key)
 * and every unique index that enforces uniqueness there ({@code uniqueKeys}, the primary key among
 * them; these say how well each side keeps the chosen key).
 */
public record TableSchema(
    TableRef table,
    List<ColumnInfo> columns,
    List<List<String>> candidateKeys,
    char relkind,
    List<UniqueKey> uniqueKeys) {

  // the strongest enforcement first: immediate before deferrable, the primary key, then the
  // narrowest
  private static final Comparator<UniqueKey> STRONGEST_FIRST =
      Comparator.comparing(UniqueKey::immediate)
          .thenComparing(UniqueKey::primaryKey)
          .reversed()
          .thenComparingInt(k -> k.columns().size());

  public TableSchema {
    checkNotNull(table, "table");
    columns = List.copyOf(columns);
    candidateKeys = candidateKeys.stream().map(List::copyOf).toList();
    uniqueKeys = List.copyOf(uniqueKeys);
    checkArgument(
        uniqueKeys.stream().filter(UniqueKey::primaryKey).count() <= 1,
        "%s: more than one primary key",
        table);
  }

  /**
   * A schema whose only unique indexes are its candidate keys, each immediate and none of them the
   * primary key: what a hand-built schema without further detail stands for.
   */
  public TableSchema(
      TableRef table, List<ColumnInfo> columns, List<List<String>> candidateKeys, char relkind) {
    this(
        table,
        columns,
        candidateKeys,
        relkind,
        candidateKeys.stream().map(k -> new UniqueKey(k, false, true, false)).toList());
  }

  /**
   * The schema as the catalog describes it; the candidate keys are derived from the unique keys.
   */
  public static TableSchema of(
      TableRef table, List<ColumnInfo> columns, char relkind, List<UniqueKey> uniqueKeys) {
    List<List<String>> candidates =
        uniqueKeys.stream()
            .filter(UniqueKey::immediate)
            .filter(k -> k.columns().stream().allMatch(name -> notNull(columns, name)))
            .sorted(
                Comparator.comparing(UniqueKey::primaryKey)
                    .reversed()
                    .thenComparingInt(k -> k.columns().size()))
            .map(UniqueKey::columns)
            .toList();
    return new TableSchema(table, columns, candidates, relkind, uniqueKeys);
  }

  public Optional<ColumnInfo> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The column, or an exception naming the table and the remedy when it is gone. */
  public ColumnInfo require(String name) {
    return column(name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "column "
                        + name
                        + " of "
                        + table
                        + " is no longer there; verify again, then repair"));
  }

  /**
   * Whether an INSERT into the table needs OVERRIDING SYSTEM VALUE to keep the source's identity
   * values.
   */
  public boolean hasIdentity() {
    return columns.stream().anyMatch(c -> c.identity() != ' ');
  }

  public Optional<UniqueKey> primaryKey() {
    return uniqueKeys.stream().filter(UniqueKey::primaryKey).findFirst();
  }

  /**
   * The index that keeps {@code key} unique most strongly, if any: one over the key or some of its
   * columns.
   */
  public Optional<UniqueKey> enforcing(Collection<String> key) {
    return uniqueKeys.stream().filter(k -> k.enforces(key)).min(STRONGEST_FIRST);
  }

  public KeyUniqueness uniqueness(Collection<String> key) {
    return enforcing(key)
        .map(k -> k.immediate() ? KeyUniqueness.IMMEDIATE : KeyUniqueness.AT_COMMIT)
        .orElse(KeyUniqueness.NOT_ENFORCED);
  }

  /** True when some unique index is the table's REPLICA IDENTITY USING INDEX. */
  public boolean hasReplicaIdentityIndex() {
    return uniqueKeys.stream().anyMatch(UniqueKey::replicaIdentity);
  }

  private static boolean notNull(List<ColumnInfo> columns, String name) {
    return columns.stream().anyMatch(c -> c.name().equals(name) && c.notNull());
  }
}
