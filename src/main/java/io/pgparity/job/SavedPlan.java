package io.pgparity.job;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.hash.Hashing;
import io.pgparity.catalog.TablePlan;
import io.pgparity.connect.Both;
import io.pgparity.hashing.RowHashSql;
import io.pgparity.keyspace.KeyValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What planRanges chose for one comparable table, kept in the job's execution context (planRanges
 * stores it in its own, which promotes it): Spring Batch restores that context when it restarts the
 * job execution, and the resumed run takes the plan over so its slices and ranges are exactly those
 * whose sums the stopped run kept. It stays there rather than in a file: one JSON entry of the
 * boundaries (a few thousand keys for the largest tables) is written once per run. {@code catalog}
 * fingerprints the reconciled catalogs; if they changed, the stored sums are void.
 */
record SavedPlan(
    String catalog,
    List<KeyValue> boundaries,
    int slices,
    boolean randomHeapOrder,
    Both<Long> heapBlocks) {

  /**
   * Key of the plans in the job execution context: JSON, one object per comparable table by name.
   */
  static final String KEY = "pgparity.plans";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  SavedPlan {
    checkNotNull(catalog, "catalog");
    boundaries = List.copyOf(boundaries);
    checkArgument(slices >= 1, "slices must be at least 1 but was %s", slices);
    checkNotNull(heapBlocks, "heapBlocks");
  }

  static SavedPlan of(TableState table) {
    return new SavedPlan(
        catalog(table.plan),
        table.boundaries,
        table.slices,
        table.randomHeapOrder,
        table.heapBlocks);
  }

  void applyTo(TableState table) {
    table.boundaries = boundaries;
    table.slices = slices;
    table.randomHeapOrder = randomHeapOrder;
    table.heapBlocks = heapBlocks;
  }

  /**
   * A fingerprint of what the catalogs say is compared: key, columns and their types, filter,
   * findings, and the row hash itself: sums saved by a version that hashed rows otherwise cannot be
   * added to this one's.
   */
  static String catalog(TablePlan plan) {
    return Hashing.sha256().hashString(plan + RowHashSql.rowHash(plan.columns()), UTF_8).toString();
  }

  /** Stores the plans of the comparable tables in {@code context}, replacing earlier ones. */
  static void store(ExecutionContext context, List<TableState> tables) {
    ObjectNode root = MAPPER.createObjectNode();
    for (TableState table : tables) {
      if (!table.comparable()) {
        continue;
      }
      ObjectNode node = root.putObject(table.spec.table().toString());
      node.put("catalog", catalog(table.plan));
      ArrayNode boundaries = node.putArray("boundaries");
      table.boundaries.forEach(key -> key.values().forEach(boundaries.addArray()::add));
      node.put("slices", table.slices);
      node.put("randomHeapOrder", table.randomHeapOrder);
      node.put("primaryBlocks", table.heapBlocks.primary());
      node.put("replicaBlocks", table.heapBlocks.replica());
    }
    context.putString(KEY, MAPPER.writeValueAsString(root));
  }

  /** The stored plans by table name; empty when no run of this job instance stored any. */
  static Optional<Map<String, SavedPlan>> load(ExecutionContext context) {
    return context.containsKey(KEY) ? Optional.of(parse(context.getString(KEY))) : Optional.empty();
  }

  /** The plans by table name from what {@link #store} put under {@link #KEY}. */
  static Map<String, SavedPlan> parse(String json) {
    Map<String, SavedPlan> plans = new HashMap<>();
    JsonNode root = MAPPER.readTree(json);
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      JsonNode node = entry.getValue();
      List<KeyValue> boundaries = new ArrayList<>();
      for (JsonNode key : node.get("boundaries").values()) {
        boundaries.add(new KeyValue(key.values().stream().map(JsonNode::stringValue).toList()));
      }
      plans.put(
          entry.getKey(),
          new SavedPlan(
              node.get("catalog").stringValue(),
              boundaries,
              node.get("slices").intValue(),
              node.get("randomHeapOrder").booleanValue(),
              new Both<>(
                  node.get("primaryBlocks").longValue(), node.get("replicaBlocks").longValue())));
    }
    return plans;
  }

  /** Hash partitions of all stored plans: one per slice. */
  static int partitions(Map<String, SavedPlan> plans) {
    return plans.values().stream().mapToInt(SavedPlan::slices).sum();
  }
}
