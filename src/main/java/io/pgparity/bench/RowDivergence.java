package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.compare.DivergenceKind;
import io.pgparity.table.TableRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One row the replica differs in, as the benchmark compares them: table, key (each key column as
 * text, as divergences.jsonl writes it) and kind. What was injected and what verify reported are
 * both sets of these.
 */
record RowDivergence(TableRef table, Map<String, String> key, DivergenceKind kind) {

  RowDivergence {
    checkNotNull(table, "table");
    checkNotNull(kind, "kind");
    checkArgument(key != null && !key.isEmpty(), "key must name at least one column");
    // a key value may be SQL NULL (Java null), which Map.copyOf refuses
    key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
  }

  /** A row of a bench table, whose key is the one column {@code id}. */
  static RowDivergence of(BenchTable table, String id, DivergenceKind kind) {
    return of(table.ref(), id, kind);
  }

  /** A row of a bench table in any schema, e.g. {@code pgparity_bench.users}. */
  static RowDivergence of(TableRef table, String id, DivergenceKind kind) {
    Map<String, String> key = new LinkedHashMap<>();
    key.put(BenchTable.KEY_COLUMN, id);
    return new RowDivergence(table, key, kind);
  }

  /** The table and key without the kind, e.g. {@code bench.users id=42}. */
  String where() {
    return table
        + " "
        + key.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
  }

  /** E.g. {@code bench.users id=42 CHANGED}. */
  @Override
  public String toString() {
    return where() + " " + kind;
  }
}
