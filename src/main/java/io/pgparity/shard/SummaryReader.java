package io.pgparity.shard;

import io.pgparity.table.TableRef;
import io.pgparity.connect.ServerInfo;
import io.pgparity.live.ReplicaKind;
import io.pgparity.report.ReplicationSummary;
import io.pgparity.report.RunResult;
import io.pgparity.verdict.Status;
import io.pgparity.report.SummaryJsonWriter;
import io.pgparity.report.TableResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A shard's summary.json read back into the {@link RunResult} it was written from, all but the
 * key-space strip, which summary.json does not hold. Tables are named as summary.json writes them
 * ({@code schema.table}); {@link #table} turns that into the same TableRef everywhere in a merge.
 */
final class SummaryReader {

  private SummaryReader() {}

  /** The shard's result; a ConfigException names the file when a field is missing or malformed. */
  static RunResult read(ShardRun run) {
    JsonNode s = run.summary();
    try {
      List<TableResult> tables = new ArrayList<>();
      for (JsonNode t : array(s, "tables")) {
        tables.add(table(t));
      }
      return new RunResult(text(s, "version"), text(s, "job"), text(s, "runId"), run.folder(),
          Status.valueOf(text(s, "status")), Instant.parse(text(s, "startedAt")), Instant.parse(text(s, "finishedAt")),
          server(s.get("primary")), server(s.get("replica")), tables, replication(s.get("replication")), run.shard(),
          List.of(), null, null);
    } catch (RuntimeException e) {
      throw ShardRun.damaged(run.folder().resolve(SummaryJsonWriter.FILE_NAME), String.valueOf(e.getMessage()));
    }
  }

  /**
   * The TableRef of a table as reports write it. The text is unquoted, so a dot may belong to a
   * name; splitting at the first dot gives back the same text, which is all a merge needs.
   */
  static TableRef table(String text) {
    int dot = text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      throw new IllegalArgumentException("table '" + text + "' is not schema.table");
    }
    return new TableRef(text.substring(0, dot), text.substring(dot + 1));
  }

  private static TableResult table(JsonNode t) {
    JsonNode seconds = t.get("seconds");
    JsonNode note = t.get("note");
    return new TableResult(table(text(t, "table")), strings(t, "key"), strings(t, "columns"),
        number(t, "rowsPrimary"), number(t, "rowsReplica"), Math.toIntExact(number(t, "ranges")),
        number(t, "missingOnReplica"), number(t, "extraOnReplica"), number(t, "changed"),
        strings(t, "schemaFindings"), Status.valueOf(text(t, "status")),
        seconds == null || seconds.isNull() ? Double.NaN : seconds.asDouble(),
        note == null || note.isNull() ? null : note.asString(), number(t, "converged"), number(t, "unstable"));
  }

  private static ServerInfo server(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return new ServerInfo(text(node, "host"), text(node, "database"), text(node, "serverVersion"),
        text(node, "systemIdentifier"));
  }

  private static ReplicationSummary replication(JsonNode r) {
    if (r == null || r.isNull()) {
      return null;
    }
    String kind = text(r, "kind");
    JsonNode detail = r.get("detail");
    return new ReplicationSummary(kind, ReplicaKind.valueOf(kind).description(),
        detail == null || detail.isNull() ? null : detail.asString(), r.path("lagAware").asBoolean(),
        number(r, "waits"), duration(r, "longestWaitSeconds"), duration(r, "totalWaitSeconds"),
        number(r, "largestLagBytes"), number(r, "lagPauses"), duration(r, "pausedSeconds"),
        duration(r, "rateLimitedSeconds"), number(r, "retries"));
  }

  private static Duration duration(JsonNode node, String field) {
    BigDecimal seconds = new BigDecimal(require(node, field).asString());
    return Duration.ofMillis(seconds.movePointRight(3).longValue());
  }

  private static String text(JsonNode node, String field) {
    return require(node, field).asString();
  }

  private static long number(JsonNode node, String field) {
    JsonNode value = require(node, field);
    if (!value.isIntegralNumber()) {
      throw new IllegalArgumentException(field + " is not a whole number");
    }
    return value.asLong();
  }

  private static List<String> strings(JsonNode node, String field) {
    List<String> values = new ArrayList<>();
    array(node, field).forEach(v -> values.add(v.asString()));
    return values;
  }

  private static JsonNode array(JsonNode node, String field) {
    JsonNode value = require(node, field);
    if (!value.isArray()) {
      throw new IllegalArgumentException(field + " is not an array");
    }
    return value;
  }

  private static JsonNode require(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("no " + field);
    }
    return value;
  }
}
