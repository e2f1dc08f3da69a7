package io.pgparity.repair;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.TableSchema;
import io.pgparity.table.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides the statement for one divergent row from two facts: the target's row as verify saw it and
 * the source's row as it is now (re-read by key when repair.sql is built). Using the source's
 * current row means a row the source changed or removed since verify is repaired to what the source
 * holds now, and a row that has converged needs nothing.
 */
final class RowRepair {

  private final TableSchema target;
  private final StatementRenderer renderer;

  RowRepair(TableSchema target, List<String> key) {
    this.target = target;
    this.renderer = new StatementRenderer(target, key);
  }

  /**
   * The statement that makes the target row equal the source row, or empty when they already agree.
   * {@code seen}: the compared columns verify saw on the target (null: no row there); {@code
   * source}: every column of the source's row now (null: no row there).
   */
  Optional<RepairStatement> decide(Map<String, String> seen, Map<String, String> source) {
    TableRef table = target.table();
    if (seen == null) {
      return source == null
          ? Optional.empty()
          : Optional.of(
              new RepairStatement(table, RepairKind.INSERT, renderer.insert(source), null));
    }
    if (source == null) {
      return Optional.of(
          new RepairStatement(table, RepairKind.DELETE, renderer.delete(seen), null));
    }
    Map<String, String> set = new LinkedHashMap<>();
    List<String> unsettable = new ArrayList<>();
    for (Map.Entry<String, String> column : seen.entrySet()) {
      String name = column.getKey();
      if (!source.containsKey(name) || Objects.equals(source.get(name), column.getValue())) {
        continue;
      }
      ColumnInfo facts = target.require(name);
      if (facts.generated()) {
        // computed from the other columns, which are set where they differ
        continue;
      }
      if (facts.alwaysIdentity()) {
        unsettable.add(name);
      } else {
        set.put(name, source.get(name));
      }
    }
    String note =
        unsettable.isEmpty()
            ? null
            : "not set: "
                + String.join(", ", unsettable)
                + " (GENERATED ALWAYS AS IDENTITY, which UPDATE cannot write)";
    if (set.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new RepairStatement(table, RepairKind.UPDATE, renderer.update(set, seen), note));
  }
}
