package io.pgparity.report;

import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.connect.ServerInfo;
import io.pgparity.files.AtomicFile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes summary.json, the machine-readable result of a run. Field names and order are a contract
 * with the tools that parse it.
 */
public final class SummaryJsonWriter {

  /** The file name inside a run folder. */
  public static final String FILE_NAME = "summary.json";

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private static final ObjectWriter WRITER = MAPPER.writer().with(prettyPrinter());

  /** Writes the summary of {@code result} to {@code file} atomically, pretty-printed UTF-8. */
  public void write(RunResult result, Path file) {
    checkNotNull(result, "result");
    checkNotNull(file, "file");
    String text = WRITER.writeValueAsString(toJson(result)) + "\n";
    AtomicFile.write(file, text.getBytes(UTF_8));
  }

  private static ObjectNode toJson(RunResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("tool", "pgparity");
    root.put("version", result.version());
    root.put("job", result.job());
    root.put("runId", result.runId());
    // only sharded and merged runs have these, so other summaries keep their shape
    if (result.shard() != null) {
      root.putObject("shard").put("index", result.shard().index()).put("count", result.shard().count());
    }
    if (!result.shards().isEmpty()) {
      strings(root.putArray("shards"), result.shards());
    }
    root.put("status", result.status().name());
    root.put("startedAt", result.startedAt().toString());
    root.put("finishedAt", result.finishedAt().toString());
    if (result.resumed() != null) {
      root.put("resumedFrom", result.resumed().fromRunId());
      root.put("reusedHashPartitions", result.resumed().reusedPartitions());
      root.put("hashPartitions", result.resumed().partitions());
    }
    root.set("primary", server(result.primary()));
    root.set("replica", server(result.replica()));
    root.set("replication", replication(result.replication()));
    ArrayNode tables = root.putArray("tables");
    for (TableResult table : result.tables()) {
      tables.add(table(table));
    }
    ObjectNode totals = root.putObject("totals");
    totals.put("rowsCompared", result.rowsCompared());
    totals.put("divergentRows", result.divergentRows());
    totals.put("convergedRows", result.tables().stream().mapToLong(TableResult::converged).sum());
    totals.put("unstableRows", result.tables().stream().mapToLong(TableResult::unstable).sum());
    // audit.json's own tree, so a tool reads one format whether the audit ran alone or in verify
    root.set("audit", result.audit() == null ? null : result.audit().json());
    return root;
  }

  private static ObjectNode replication(ReplicationSummary r) {
    if (r == null) {
      return null;
    }
    ObjectNode node = MAPPER.createObjectNode();
    node.put("kind", r.kind());
    node.put("detail", r.detail());
    node.put("lagAware", r.lagAware());
    node.put("waits", r.waits());
    node.put("longestWaitSeconds", seconds(r.longestWait()));
    node.put("totalWaitSeconds", seconds(r.totalWait()));
    node.put("largestLagBytes", r.largestLagBytes());
    node.put("lagPauses", r.pauses());
    node.put("pausedSeconds", seconds(r.paused()));
    node.put("rateLimitedSeconds", seconds(r.rateThrottled()));
    node.put("retries", r.retries());
    return node;
  }

  private static BigDecimal seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).setScale(3, RoundingMode.HALF_UP);
  }

  private static ObjectNode server(ServerInfo server) {
    if (server == null) {
      return null;
    }
    ObjectNode node = MAPPER.createObjectNode();
    node.put("host", server.host());
    node.put("database", server.database());
    node.put("serverVersion", server.serverVersion());
    node.put("systemIdentifier", server.systemIdentifier());
    return node;
  }

  private static ObjectNode table(TableResult table) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("table", table.table().toString());
    strings(node.putArray("key"), table.key());
    strings(node.putArray("columns"), table.columns());
    node.put("rowsPrimary", table.rowsPrimary());
    node.put("rowsReplica", table.rowsReplica());
    node.put("ranges", table.ranges());
    node.put("missingOnReplica", table.missingOnReplica());
    node.put("extraOnReplica", table.extraOnReplica());
    node.put("changed", table.changed());
    node.put("converged", table.converged());
    node.put("unstable", table.unstable());
    strings(node.putArray("schemaFindings"), table.schemaFindings());
    node.put("status", table.status().name());
    if (Double.isFinite(table.seconds())) {
      node.put("seconds", BigDecimal.valueOf(table.seconds()).setScale(3, RoundingMode.HALF_UP));
    } else {
      // JSON has no NaN; null is what a parser can still read
      node.putNull("seconds");
    }
    node.put("note", table.note());
    return node;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  // one element per line and "name": value, as jq prints it; LF on every platform
  private static DefaultPrettyPrinter prettyPrinter() {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }
}
