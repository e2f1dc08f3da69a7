package io.pgparity.report;

import static io.pgparity.report.MarkdownText.row;
import static io.pgparity.report.MarkdownText.text;

import io.pgparity.audit.AuditReport;
import io.pgparity.audit.Finding;
import io.pgparity.audit.ReplicationState;
import io.pgparity.audit.SettingValue;
import java.util.Map;
import java.util.TreeMap;

/**
 * The "Replication audit" section of report.md: findings, what could not be read, replication
 * state, expectations.
 */
final class MarkdownAudit {

  private MarkdownAudit() {}

  /** Appends nothing when the run did not get to its audit ({@code audit} null). */
  static void append(StringBuilder md, AuditReport audit) {
    if (audit == null) {
      return;
    }
    md.append("## Replication audit\n\n");
    md.append(
            switch (audit.status()) {
              case "OK" -> "No findings.";
              case "FINDINGS" ->
                  audit.findings().size() + " finding(s); with consistent data the exit code is 6.";
              default -> "The audit could not read the servers; the data check went on without it.";
            })
        .append("\n\n");
    if (!audit.findings().isEmpty()) {
      row(md, "Kind", "Side", "Subject", "Expected", "Actual", "What to do");
      row(md, "---", "---", "---", "---", "---", "---");
      for (Finding f : audit.findings()) {
        row(
            md,
            f.kind().name(),
            f.side(),
            text(f.subject()),
            text(f.expected()),
            text(f.actual()),
            text(f.message()));
      }
      md.append('\n');
    }
    if (!audit.errors().isEmpty()) {
      md.append("Not read:\n\n");
      audit.errors().forEach(e -> md.append("- ").append(text(e)).append('\n'));
      md.append('\n');
    }
    if (audit.replication() != null) {
      state(md, audit.replication());
    }
    expected(md, audit);
  }

  private static void state(StringBuilder md, ReplicationState state) {
    md.append("- Replica in recovery (physical standby): ")
        .append(state.replicaInRecovery() ? "yes" : "no")
        .append('\n');
    if (state.replicaInRecovery()) {
      md.append("- WAL receiver: ")
          .append(text(state.receiverStatus() == null ? "none" : state.receiverStatus()))
          .append('\n');
    }
    state
        .senders()
        .forEach(
            s ->
                md.append("- Sender ")
                    .append(text(s.applicationName()))
                    .append(": ")
                    .append(text(s.state()))
                    .append(", ")
                    .append(text(s.syncState()))
                    .append(", replay lag ")
                    .append(s.replayLag() == null ? "-" : text(s.replayLag()))
                    .append('\n'));
    state
        .slots()
        .forEach(
            s ->
                md.append("- Slot ")
                    .append(text(s.name()))
                    .append(" (")
                    .append(text(s.type()))
                    .append("): ")
                    .append(s.active() ? "active" : "inactive")
                    .append(", retains ")
                    .append(s.retainedBytes() == null ? "-" : s.retainedBytes() + " bytes")
                    .append(" of WAL\n"));
    state
        .subscriptions()
        .forEach(
            s ->
                md.append("- Subscription ")
                    .append(text(s.name()))
                    .append(": ")
                    .append(s.enabled() ? "enabled" : "disabled")
                    .append('\n'));
    md.append('\n');
  }

  private static void expected(StringBuilder md, AuditReport audit) {
    if (audit.expected().isEmpty()) {
      return;
    }
    row(md, "Expected setting", "Expected", "Primary", "Replica");
    row(md, "---", "---", "---", "---");
    for (Map.Entry<String, String> e : new TreeMap<>(audit.expected()).entrySet()) {
      row(
          md,
          text(e.getKey()),
          text(e.getValue()),
          shown(audit.primarySettings(), e.getKey()),
          shown(audit.replicaSettings(), e.getKey()));
    }
    md.append('\n');
  }

  private static String shown(Map<String, SettingValue> settings, String name) {
    SettingValue value = settings.get(name);
    return value == null ? "-" : text(value.shown());
  }
}
