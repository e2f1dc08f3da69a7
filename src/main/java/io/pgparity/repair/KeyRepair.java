package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.catalog.TableSchema;
import io.pgparity.compare.Divergence;
import io.pgparity.table.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the statements for one key of one table from what verify reported for it and what both
 * sides hold for it now. Rows are compared per key as multisets: a target without a unique key may
 * hold a key several times (identical copies or not), and verify reports one divergence per surplus
 * copy, which alone cannot tell how many copies the target holds. So the target's rows of the key
 * are re-read too, and the statements delete exactly the target's surplus copies and insert the
 * source's missing ones, each guarded by the number of identical copies it expects.
 *
 * <p>A key where each side holds at most one row and verify reported at most one target row is
 * repaired as before, one row at a time ({@link RowRepair}): the UPDATE of only the differing
 * columns, guarded by what verify saw.
 */
final class KeyRepair {

  /**
   * The statements for one key; {@code agreeing}: reported rows that need nothing now; {@code
   * leftAlone}: surplus target copies left because verify did not report that many of them (the
   * target changed since verify: the next verify reports them).
   */
  record Outcome(List<RepairStatement> statements, long agreeing, long leftAlone) {

    Outcome {
      statements = List.copyOf(statements);
      checkArgument(agreeing >= 0 && leftAlone >= 0, "counts are never negative");
    }
  }

  private final TableSchema target;
  private final RepairTarget side;
  private final List<String> match;
  private final RowRepair rows;
  private final StatementRenderer renderer;

  /**
   * {@code match}: the columns that tell copies apart, those verify compared that the source still
   * has, the key's among them.
   */
  KeyRepair(TableSchema target, RepairTarget side, List<String> key, List<String> match) {
    this(target, side, key, match, false);
  }

  /**
   * For a table verify compared without a key: the rows of a "key" are the identical copies of one
   * row (its {@code match} values), and every change is a guarded insert or delete of one copy.
   */
  static KeyRepair keyless(TableSchema target, RepairTarget side, List<String> match) {
    return new KeyRepair(target, side, List.of(), match, true);
  }

  private KeyRepair(
      TableSchema target,
      RepairTarget side,
      List<String> key,
      List<String> match,
      boolean keyless) {
    checkArgument(
        match.containsAll(key),
        "%s: the compared columns %s must include the key %s",
        target.table(),
        match,
        key);
    this.target = target;
    this.side = side;
    this.match = List.copyOf(match);
    this.rows = keyless ? null : new RowRepair(target, key);
    this.renderer =
        keyless ? StatementRenderer.keyless(target) : new StatementRenderer(target, key);
  }

  /**
   * {@code reported}: verify's divergences of the key; {@code targetNow}: the target's rows of the
   * key now (at least the match columns); {@code sourceNow}: the source's rows of the key now,
   * every column.
   */
  Outcome repair(
      List<Divergence> reported,
      List<Map<String, String>> targetNow,
      List<Map<String, String>> sourceNow) {
    checkArgument(!reported.isEmpty(), "a key to repair was reported at least once");
    List<Map<String, String>> seen =
        reported.stream().map(side::seen).filter(r -> r != null).toList();
    // keyless: a plain DELETE by values would take every identical copy, so copies are counted
    if (rows != null && targetNow.size() <= 1 && sourceNow.size() <= 1 && seen.size() <= 1) {
      Optional<RepairStatement> statement =
          rows.decide(
              seen.isEmpty() ? null : seen.get(0), sourceNow.isEmpty() ? null : sourceNow.get(0));
      return statement
          .map(s -> new Outcome(List.of(s), 0, 0))
          .orElseGet(() -> new Outcome(List.of(), reported.size(), 0));
    }
    Map<Map<String, String>, Long> onTarget = counts(targetNow);
    Map<Map<String, String>, Long> onSource = counts(sourceNow);
    Map<Map<String, String>, Long> seenCopies = counts(seen);
    Map<Map<String, String>, Map<String, String>> sourceRows = new LinkedHashMap<>();
    sourceNow.forEach(row -> sourceRows.putIfAbsent(project(row), row));
    TableRef table = target.table();
    List<RepairStatement> statements = new ArrayList<>();
    long leftAlone = 0;
    for (Map.Entry<Map<String, String>, Long> copy : onTarget.entrySet()) {
      long held = copy.getValue();
      long surplus = held - onSource.getOrDefault(copy.getKey(), 0L);
      // only copies verify reported: the guard is what verify saw, as for a single row
      long deleted = Math.min(Math.max(surplus, 0), seenCopies.getOrDefault(copy.getKey(), 0L));
      leftAlone += Math.max(surplus, 0) - deleted;
      for (long i = 0; i < deleted; i++) {
        statements.add(
            new RepairStatement(
                table, RepairKind.DELETE, renderer.deleteCopy(copy.getKey(), held - i), null));
      }
    }
    for (Map.Entry<Map<String, String>, Long> copy : onSource.entrySet()) {
      long held = onTarget.getOrDefault(copy.getKey(), 0L);
      for (long i = held; i < copy.getValue(); i++) {
        statements.add(
            new RepairStatement(
                table,
                RepairKind.INSERT,
                renderer.insertCopy(sourceRows.get(copy.getKey()), copy.getKey(), i),
                null));
      }
    }
    return new Outcome(
        statements, statements.isEmpty() && leftAlone == 0 ? reported.size() : 0, leftAlone);
  }

  /** Copies per distinct row, rows reduced to the match columns, in order of first appearance. */
  private Map<Map<String, String>, Long> counts(List<Map<String, String>> rows) {
    Map<Map<String, String>, Long> counts = new LinkedHashMap<>();
    rows.forEach(row -> counts.merge(project(row), 1L, Long::sum));
    return counts;
  }

  private Map<String, String> project(Map<String, String> row) {
    Map<String, String> projected = new LinkedHashMap<>();
    for (String column : match) {
      checkArgument(row.containsKey(column), "%s: a row without column %s", target.table(), column);
      projected.put(column, row.get(column));
    }
    return projected;
  }
}
