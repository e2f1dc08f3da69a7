package io.pgparity.audit;

import static com.google.common.base.Preconditions.checkArgument;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.audit.ReplicationState.Sender;
import io.pgparity.audit.ReplicationState.Slot;
import io.pgparity.audit.ReplicationState.Subscription;
import io.pgparity.files.AtomicFile;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of an audit: what was expected, the settings of both sides, the replication state, the
 * findings and what could not be read (each with its remedy); rendered as text for people and as
 * audit.json for tools (its field names and order are a contract). {@code replication} is null only
 * for an audit that could read nothing ({@link #unreadable}).
 */
public record AuditReport(
    Map<String, String> expected,
    Map<String, SettingValue> primarySettings,
    Map<String, SettingValue> replicaSettings,
    ReplicationState replication,
    List<Finding> findings,
    List<String> errors) {

  /** The file name written under --out. */
  public static final String FILE_NAME = "audit.json";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  public AuditReport {
    expected = Map.copyOf(expected);
    primarySettings = Map.copyOf(primarySettings);
    replicaSettings = Map.copyOf(replicaSettings);
    findings = List.copyOf(findings);
    errors = List.copyOf(errors);
    checkArgument(
        replication != null || !errors.isEmpty(),
        "an audit without replication state needs its error");
  }

  /** An audit that read everything it looked at. */
  public AuditReport(
      Map<String, String> expected,
      Map<String, SettingValue> primarySettings,
      Map<String, SettingValue> replicaSettings,
      ReplicationState replication,
      List<Finding> findings) {
    this(expected, primarySettings, replicaSettings, replication, findings, List.of());
  }

  /** An audit that could not read the servers; {@code error} says why and what to do. */
  public static AuditReport unreadable(Map<String, String> expected, String error) {
    return new AuditReport(expected, Map.of(), Map.of(), null, List.of(), List.of(error));
  }

  /** OK, FINDINGS, or ERROR when nothing could be read. */
  public String status() {
    return replication == null ? "ERROR" : findings.isEmpty() ? "OK" : "FINDINGS";
  }

  /** How many findings of each kind, every kind present (zero when none), in declaration order. */
  public Map<FindingKind, Long> counts() {
    Map<FindingKind, Long> counts = new EnumMap<>(FindingKind.class);
    for (FindingKind kind : FindingKind.values()) {
      counts.put(kind, findings.stream().filter(f -> f.kind() == kind).count());
    }
    return counts;
  }

  /**
   * E.g. {@code 2 audit findings: UNEXPECTED_SETTING synchronous_commit on the replica,
   * INACTIVE_SLOT s1 on the primary}; at most {@code shown} are named, then how many more.
   */
  public String headline(int shown) {
    int n = findings.size();
    String named = String.join(", ", findings.stream().limit(shown).map(Finding::brief).toList());
    return n
        + " audit finding"
        + (n == 1 ? "" : "s")
        + ": "
        + named
        + (n > shown ? " and " + (n - shown) + " more" : "");
  }

  /** The findings of one kind. */
  public List<Finding> findings(FindingKind kind) {
    return findings.stream().filter(f -> f.kind() == kind).toList();
  }

  /** The report for people; its last line is the verdict. */
  public String text() {
    if (replication == null) {
      return "Could not read\n  "
          + String.join("\n  ", errors)
          + "\nAUDIT ERROR: nothing was read\n";
    }
    StringBuilder text = new StringBuilder("Replication\n");
    text.append("  replica in recovery: ")
        .append(replication.replicaInRecovery() ? "yes" : "no")
        .append('\n');
    if (replication.replicaInRecovery()) {
      text.append("  WAL receiver: ")
          .append(replication.receiverStatus() == null ? "none" : replication.receiverStatus())
          .append('\n');
    }
    for (Sender s : replication.senders()) {
      text.append(
          String.format(
              "  sender %s: %s, %s, lag write %s flush %s replay %s%n",
              s.applicationName(),
              s.state(),
              s.syncState(),
              dash(s.writeLag()),
              dash(s.flushLag()),
              dash(s.replayLag())));
    }
    for (Slot s : replication.slots()) {
      text.append(
          String.format(
              "  slot %s (%s): %s, retains %s bytes%n",
              s.name(),
              s.type(),
              s.active() ? "active" : "inactive",
              s.retainedBytes() == null ? "-" : s.retainedBytes()));
    }
    for (Subscription s : replication.subscriptions()) {
      text.append(
          String.format(
              "  subscription %s: %s, last message %s%n",
              s.name(),
              s.enabled() ? "enabled" : "disabled",
              s.lastMessage() == null ? "-" : s.lastMessage()));
    }
    text.append("Settings (primary | replica | expected)\n");
    for (String name : new TreeSet<>(primarySettings.keySet())) {
      text.append(
          String.format(
              "  %-30s %s | %s | %s%n",
              name,
              quoted(shown(primarySettings, name)),
              quoted(shown(replicaSettings, name)),
              expected.getOrDefault(name, "-")));
    }
    text.append("Findings\n");
    findings.forEach(f -> text.append("  ").append(f.line()).append('\n'));
    if (!errors.isEmpty()) {
      text.append("Could not read\n");
      errors.forEach(e -> text.append("  ").append(e).append('\n'));
    }
    String unread =
        errors.isEmpty() ? "" : "; " + errors.size() + " part(s) could not be read (see above)";
    return text.append(
            findings.isEmpty() ? "AUDIT OK: no findings" : "AUDIT FINDINGS: " + findings.size())
        .append(unread)
        .append('\n')
        .toString();
  }

  /** Writes audit.json into {@code folder} atomically. */
  public Path writeJson(Path folder) {
    Path file = folder.resolve(FILE_NAME);
    AtomicFile.write(
        file,
        (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json()) + "\n")
            .getBytes(UTF_8));
    return file;
  }

  /** The audit.json tree: status, findings, errors, replication (null when unread), settings. */
  public ObjectNode json() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("status", status());
    ArrayNode list = root.putArray("findings");
    for (Finding f : findings) {
      list.addObject()
          .put("kind", f.kind().name())
          .put("side", f.side())
          .put("subject", f.subject())
          .put("expected", f.expected())
          .put("actual", f.actual())
          .put("message", f.message());
    }
    errors.forEach(root.putArray("errors")::add);
    if (replication == null) {
      root.putNull("replication");
      root.putObject("settings");
      return root;
    }
    ObjectNode repl = root.putObject("replication");
    repl.put("replicaInRecovery", replication.replicaInRecovery());
    repl.put("walReceiverStatus", replication.receiverStatus());
    ArrayNode senders = repl.putArray("senders");
    for (Sender s : replication.senders()) {
      senders
          .addObject()
          .put("applicationName", s.applicationName())
          .put("state", s.state())
          .put("syncState", s.syncState())
          .put("writeLag", s.writeLag())
          .put("flushLag", s.flushLag())
          .put("replayLag", s.replayLag());
    }
    ArrayNode slots = repl.putArray("slots");
    for (Slot s : replication.slots()) {
      slots
          .addObject()
          .put("name", s.name())
          .put("type", s.type())
          .put("active", s.active())
          .put("retainedBytes", s.retainedBytes());
    }
    ArrayNode subs = repl.putArray("subscriptions");
    for (Subscription s : replication.subscriptions()) {
      subs.addObject()
          .put("name", s.name())
          .put("enabled", s.enabled())
          .put("lastMessageReceiptTime", s.lastMessage());
    }
    ObjectNode settings = root.putObject("settings");
    for (String name : new TreeSet<>(primarySettings.keySet())) {
      settings
          .putObject(name)
          .put("primary", shown(primarySettings, name))
          .put("replica", shown(replicaSettings, name))
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
