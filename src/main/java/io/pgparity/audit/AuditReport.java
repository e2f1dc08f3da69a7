package io.pgparity.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.audit.ReplicationState.Sender;
import io.pgparity.audit.ReplicationState.Slot;
import io.pgparity.audit.ReplicationState.Subscription;
import io.pgparity.report.AtomicFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of an audit: what was expected, the settings of both sides, the replication state
 * and the findings; rendered as text for people and as audit.json for tools (its field names and
 * order are a contract).
 */
public record AuditReport(
    Map<String, String> expected,
    Map<String, SettingValue> primarySettings,
    Map<String, SettingValue> replicaSettings,
    ReplicationState replication,
    List<Finding> findings) {

  /** The file name written under --out. */
  public static final String FILE_NAME = "audit.json";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  public AuditReport {
    expected = Map.copyOf(expected);
    primarySettings = Map.copyOf(primarySettings);
    replicaSettings = Map.copyOf(replicaSettings);
    findings = List.copyOf(findings);
  }

  /** The findings of one kind. */
  public List<Finding> findings(FindingKind kind) {
    return findings.stream().filter(f -> f.kind() == kind).toList();
  }

  /** The report for people; its last line is the verdict. */
  public String text() {
    StringBuilder text = new StringBuilder("Replication\n");
    text.append("  replica in recovery: ").append(replication.replicaInRecovery() ? "yes" : "no").append('\n');
    if (replication.replicaInRecovery()) {
      text.append("  WAL receiver: ").append(replication.receiverStatus() == null ? "none" : replication.receiverStatus())
          .append('\n');
    }
    for (Sender s : replication.senders()) {
      text.append(String.format("  sender %s: %s, %s, lag write %s flush %s replay %s%n", s.applicationName(),
          s.state(), s.syncState(), dash(s.writeLag()), dash(s.flushLag()), dash(s.replayLag())));
    }
    for (Slot s : replication.slots()) {
      text.append(String.format("  slot %s (%s): %s, retains %s bytes%n", s.name(), s.type(),
          s.active() ? "active" : "inactive", s.retainedBytes() == null ? "-" : s.retainedBytes()));
    }
    for (Subscription s : replication.subscriptions()) {
      text.append(String.format("  subscription %s: %s, last message %s%n", s.name(),
          s.enabled() ? "enabled" : "disabled", s.lastMessage() == null ? "-" : s.lastMessage()));
    }
    text.append("Settings (primary | replica | expected)\n");
    for (String name : new TreeSet<>(primarySettings.keySet())) {
      text.append(String.format("  %-30s %s | %s | %s%n", name, quoted(shown(primarySettings, name)),
          quoted(shown(replicaSettings, name)), expected.getOrDefault(name, "-")));
    }
    text.append("Findings\n");
    findings.forEach(f -> text.append("  ").append(f.line()).append('\n'));
    return text.append(findings.isEmpty() ? "AUDIT OK: no findings" : "AUDIT FINDINGS: " + findings.size())
        .append('\n').toString();
  }

  /** Writes audit.json into {@code folder} atomically. */
  public Path writeJson(Path folder) {
    Path file = folder.resolve(FILE_NAME);
    AtomicFile.write(file, (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json()) + "\n").getBytes(UTF_8));
    return file;
  }

  /** The audit.json tree: status, findings, replication, settings. */
  public ObjectNode json() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("status", findings.isEmpty() ? "OK" : "FINDINGS");
    ArrayNode list = root.putArray("findings");
    for (Finding f : findings) {
      list.addObject().put("kind", f.kind().name()).put("side", f.side()).put("subject", f.subject())
          .put("expected", f.expected()).put("actual", f.actual()).put("message", f.message());
    }
    ObjectNode repl = root.putObject("replication");
    repl.put("replicaInRecovery", replication.replicaInRecovery());
    repl.put("walReceiverStatus", replication.receiverStatus());
    ArrayNode senders = repl.putArray("senders");
    for (Sender s : replication.senders()) {
      senders.addObject().put("applicationName", s.applicationName()).put("state", s.state())
          .put("syncState", s.syncState()).put("writeLag", s.writeLag()).put("flushLag", s.flushLag())
          .put("replayLag", s.replayLag());
    }
    ArrayNode slots = repl.putArray("slots");
    for (Slot s : replication.slots()) {
      slots.addObject().put("name", s.name()).put("type", s.type()).put("active", s.active())
          .put("retainedBytes", s.retainedBytes());
    }
    ArrayNode subs = repl.putArray("subscriptions");
    for (Subscription s : replication.subscriptions()) {
      subs.addObject().put("name", s.name()).put("enabled", s.enabled()).put("lastMessageReceiptTime", s.lastMessage());
    }
    ObjectNode settings = root.putObject("settings");
    for (String name : new TreeSet<>(primarySettings.keySet())) {
      settings.putObject(name).put("primary", shown(primarySettings, name)).put("replica", shown(replicaSettings, name))
          .put("expected", expected.get(name));
    }
    return root;
  }

  /** A lag is null while the standby is idle or has not replied yet. */
  private static String dash(String value) {
    return value == null ? "-" : value;
  }

  /** An empty setting (synchronous_standby_names) would be invisible in the table. */
  private static String quoted(String value) {
    return value == null ? "-" : value.isEmpty() ? "''" : value;
  }

  private static String shown(Map<String, SettingValue> settings, String name) {
    SettingValue value = settings.get(name);
    return value == null ? null : value.shown();
  }
}
