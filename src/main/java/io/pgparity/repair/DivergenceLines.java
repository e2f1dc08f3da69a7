package io.pgparity.repair;

import io.pgparity.table.TableRef;
import io.pgparity.compare.Divergence;
import io.pgparity.report.DivergenceFormat;
import io.pgparity.compare.DivergenceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Divergences as JSON lines, in the format of divergences.jsonl (table, key, kind, columns,
 * primary, replica), both ways: repair reads a run's divergences back, and verify keeps the
 * unmasked ones for repair in the same format.
 */
public final class DivergenceLines {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private DivergenceLines() {}

  /** One compact JSON object, without the line end. */
  public static String format(Divergence d) {
    // the same line divergences.jsonl holds, so repair reads both files alike
    return DivergenceFormat.jsonLine(d);
  }

  /**
   * The divergence on one line; an IllegalArgumentException names what is wrong with it. The
   * table is written unquoted as schema.table, so it is split at the dot that leaves a schema and
   * a table both known to the job; {@code tables} are the job's tables.
   */
  public static Divergence parse(String line, List<TableRef> tables) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String table = text(node, "table");
    TableRef ref = tables.stream().filter(t -> (t.schema() + "." + t.name()).equals(table)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("table " + table + " is not in the run's job.json"));
    DivergenceKind kind;
    try {
      kind = DivergenceKind.valueOf(text(node, "kind"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown kind '" + text(node, "kind") + "'");
    }
    List<String> columns = new ArrayList<>();
    JsonNode list = node.get("columns");
    if (list != null && list.isArray()) {
      list.values().forEach(c -> columns.add(c.stringValue()));
    }
    return new Divergence(ref, row(node.get("key")), kind, columns, row(node.get("primary")), row(node.get("replica")));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isString()) {
      throw new IllegalArgumentException("no " + field + " field");
    }
    return value.stringValue();
  }

  private static Map<String, String> row(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("a row must be a JSON object of column to text");
    }
    Map<String, String> values = new LinkedHashMap<>();
    node.properties().forEach(e -> values.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().stringValue()));
    return values;
  }
}
