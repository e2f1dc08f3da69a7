package io.pgparity.compare;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One divergent row. Values are each column cast to text under pinned session settings (UTC, ISO
 * dates, hex bytea, shortest exact floats), so they are exact and portable; SQL NULL is Java null.
 * Maps keep column order.
 */
public record Divergence(
    TableRef table,
    Map<String, String> key,
    DivergenceKind kind,
    List<String> columns,
    Map<String, String> primary,
    Map<String, String> replica) {

  public Divergence {
    checkNotNull(table, "table");
    checkNotNull(kind, "kind");
    checkArgument(key != null && !key.isEmpty(), "key must name at least one column");
    key = frozen(key);
    columns = List.copyOf(columns == null ? List.of() : columns);
    primary = primary == null ? null : frozen(primary);
    replica = replica == null ? null : frozen(replica);
    switch (kind) {
      case MISSING_ON_REPLICA ->
          checkArgument(
              primary != null && replica == null, "a missing row exists only on the primary");
      case EXTRA_ON_REPLICA ->
          checkArgument(
              primary == null && replica != null, "an extra row exists only on the replica");
      case CHANGED ->
          checkArgument(
              primary != null && replica != null && !columns.isEmpty(),
              "a changed row exists on both sides and names its differing columns");
    }
  }

  // values may be null (SQL NULL), which rules out ImmutableMap
  private static Map<String, String> frozen(Map<String, String> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
