package io.pgparity.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One divergences.jsonl line as plain values, so an expected and a reported divergence compare with
 * equals: table, key, kind, the differing columns (CHANGED only) and both rows' text values.
 */
record DivergentRow(
    String table,
    Map<String, String> key,
    DivergenceKind kind,
    List<String> columns,
    Map<String, String> primary,
    Map<String, String> replica) {

  DivergentRow {
    key = frozen(key);
    columns = List.copyOf(columns);
    primary = frozen(primary);
    replica = frozen(replica);
  }

  static DivergentRow parse(JsonNode line) {
    List<String> columns =
        line.get("columns").values().stream().map(JsonNode::stringValue).toList();
    return new DivergentRow(
        line.get("table").stringValue(),
        row(line.get("key")),
        DivergenceKind.valueOf(line.get("kind").stringValue()),
        columns,
        row(line.get("primary")),
        row(line.get("replica")));
  }

  private static Map<String, String> row(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    node.properties()
        .forEach(
            e -> values.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().stringValue()));
    return values;
  }

  // values may be SQL NULL (Java null)
  private static Map<String, String> frozen(Map<String, String> map) {
    return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  @Override
  public String toString() {
    return kind
        + " "
        + table
        + " "
        + key
        + (columns.isEmpty() ? "" : " " + columns)
        + "\n    primary="
        + primary
        + "\n    replica="
        + replica;
  }
}
