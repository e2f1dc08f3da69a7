package io.pgparity.compare;

import io.pgparity.catalog.TablePlan;
import io.pgparity.keyspace.KeyValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what one key's rows on the two sides amount to. The rows are multisets: a replica that
 * does not enforce the key can hold it several times. Identical rows pair off first; of the rest,
 * each primary row is paired with the replica row closest to it (fewest differing columns) and is
 * CHANGED; a surplus primary row is MISSING_ON_REPLICA and a surplus replica row EXTRA_ON_REPLICA,
 * one divergence per copy.
 */
final class RowClassifier {

  private RowClassifier() {}

  /** One row that found no identical twin, with the row it is paired with (either may be null). */
  record Unmatched(FetchedRow primary, FetchedRow replica) {}

  /**
   * The rows of one key that have no identical twin on the other side, paired up; empty when the
   * sides agree.
   */
  static List<Unmatched> unmatched(List<FetchedRow> primary, List<FetchedRow> replica) {
    return unmatched(primary, replica, true);
  }

  /**
   * As {@link #unmatched(List, List)}; without {@code pairChanged} no rows are paired as CHANGED:
   * in a keyless table the key is the row hash, so rows sharing it but differing in values (a
   * 64-bit collision) are different rows, one missing and one extra.
   */
  static List<Unmatched> unmatched(
      List<FetchedRow> primary, List<FetchedRow> replica, boolean pairChanged) {
    List<FetchedRow> p = new ArrayList<>(primary);
    List<FetchedRow> r = new ArrayList<>(replica);
    for (Iterator<FetchedRow> it = p.iterator(); it.hasNext(); ) {
      FetchedRow row = it.next();
      for (Iterator<FetchedRow> twin = r.iterator(); twin.hasNext(); ) {
        if (twin.next().columnHashes().equals(row.columnHashes())) {
          twin.remove();
          it.remove();
          break;
        }
      }
    }
    // a stable order whatever order each server returned the rows in
    p.sort(Comparator.comparingLong(FetchedRow::rowHash));
    r.sort(Comparator.comparingLong(FetchedRow::rowHash));
    List<Unmatched> result = new ArrayList<>();
    if (!pairChanged) {
      p.forEach(row -> result.add(new Unmatched(row, null)));
      r.forEach(row -> result.add(new Unmatched(null, row)));
      return result;
    }
    for (FetchedRow row : p) {
      FetchedRow closest = null;
      long fewest = Long.MAX_VALUE;
      for (FetchedRow candidate : r) {
        long differing = differing(row, candidate).size();
        if (differing < fewest) {
          fewest = differing;
          closest = candidate;
        }
      }
      if (closest != null) {
        r.remove(closest);
      }
      result.add(new Unmatched(row, closest));
    }
    r.forEach(row -> result.add(new Unmatched(null, row)));
    return result;
  }

  /** The divergence one unmatched pair amounts to. */
  static Divergence divergence(TablePlan plan, KeyValue key, Unmatched pair) {
    Map<String, String> keyColumns = keyColumns(plan, key);
    if (pair.replica() == null) {
      return new Divergence(
          plan.table(),
          keyColumns,
          DivergenceKind.MISSING_ON_REPLICA,
          List.of(),
          pair.primary().values(),
          null);
    }
    if (pair.primary() == null) {
      return new Divergence(
          plan.table(),
          keyColumns,
          DivergenceKind.EXTRA_ON_REPLICA,
          List.of(),
          null,
          pair.replica().values());
    }
    return new Divergence(
        plan.table(),
        keyColumns,
        DivergenceKind.CHANGED,
        differing(pair.primary(), pair.replica()),
        pair.primary().values(),
        pair.replica().values());
  }

  private static List<String> differing(FetchedRow primary, FetchedRow replica) {
    // values keep the compared columns' order; the hashes are a plain map
    return primary.values().keySet().stream()
        .filter(c -> !primary.columnHashes().get(c).equals(replica.columnHashes().get(c)))
        .toList();
  }

  /** The key as column name to text value (null for SQL NULL), in key order. */
  static Map<String, String> keyColumns(TablePlan plan, KeyValue key) {
    Map<String, String> keyColumns = new LinkedHashMap<>();
    List<String> names = plan.keyNames();
    for (int i = 0; i < names.size(); i++) {
      keyColumns.put(names.get(i), key.values().get(i));
    }
    return keyColumns;
  }
}
