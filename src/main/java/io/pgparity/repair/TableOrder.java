package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order repair.sql visits tables in: every parent before its children, so inserts and updates
 * never reference a row that is not there yet; deletes go the other way. Tables in a foreign-key
 * cycle (or below one) keep their given order after the others and are named in {@code inCycle},
 * since no order satisfies them.
 */
public record TableOrder(List<TableRef> parentsFirst, List<TableRef> inCycle) {

  public TableOrder {
    parentsFirst = List.copyOf(parentsFirst);
    inCycle = List.copyOf(inCycle);
  }

  /** Children first: the order for deletes. */
  public List<TableRef> childrenFirst() {
    List<TableRef> reversed = new ArrayList<>(parentsFirst);
    Collections.reverse(reversed);
    return reversed;
  }

  /** Sorts {@code tables} by the edges among them; ties keep the given order. */
  public static TableOrder of(List<TableRef> tables, List<ForeignKeys.Edge> edges) {
    checkNotNull(tables, "tables");
    Map<TableRef, Set<TableRef>> parents = new LinkedHashMap<>();
    tables.forEach(t -> parents.put(t, new LinkedHashSet<>()));
    for (ForeignKeys.Edge edge : edges) {
      // a self-reference orders rows within one table, not tables
      if (!edge.child().equals(edge.parent())
          && parents.containsKey(edge.child())
          && parents.containsKey(edge.parent())) {
        parents.get(edge.child()).add(edge.parent());
      }
    }
    List<TableRef> ordered = new ArrayList<>();
    Set<TableRef> placed = new LinkedHashSet<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (TableRef table : tables) {
        if (!placed.contains(table) && placed.containsAll(parents.get(table))) {
          ordered.add(table);
          placed.add(table);
          progress = true;
          break;
        }
      }
    }
    List<TableRef> cycle = tables.stream().filter(t -> !placed.contains(t)).toList();
    ordered.addAll(cycle);
    return new TableOrder(ordered, cycle);
  }
}
