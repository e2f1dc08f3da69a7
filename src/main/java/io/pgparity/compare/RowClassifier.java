package io.pgparity.compare;

import io.pgparity.catalog.TablePlan;
import io.pgparity.keyspace.KeyValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decides what one key's two fetched rows amount to: missing, extra, changed, or equal after all. */
final class RowClassifier {

  private RowClassifier() {}

  /** The divergence, or null when both rows are absent or identical (the row was in flight). */
  static Divergence classify(TablePlan plan, KeyValue key, FetchedRow primary, FetchedRow replica) {
    if (primary == null && replica == null) {
      return null;
    }
    Map<String, String> keyColumns = keyColumns(plan, key);
    if (replica == null) {
      return new Divergence(plan.table(), keyColumns, DivergenceKind.MISSING_ON_REPLICA, List.of(), primary.values(), null);
    }
    if (primary == null) {
      return new Divergence(plan.table(), keyColumns, DivergenceKind.EXTRA_ON_REPLICA, List.of(), null, replica.values());
    }
    List<String> differing =
        plan.columnNames().stream()
            .filter(c -> !primary.columnHashes().get(c).equals(replica.columnHashes().get(c)))
            .toList();
    if (differing.isEmpty()) {
      return null;
    }
    return new Divergence(
        plan.table(), keyColumns, DivergenceKind.CHANGED, differing, primary.values(), replica.values());
  }

  /** The key as column name to text value, in key order. */
  static Map<String, String> keyColumns(TablePlan plan, KeyValue key) {
    Map<String, String> keyColumns = new LinkedHashMap<>();
    List<String> names = plan.keyNames();
    for (int i = 0; i < names.size(); i++) {
      keyColumns.put(names.get(i), key.values().get(i));
    }
    return keyColumns;
  }
}
