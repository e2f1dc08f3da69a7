package io.pgparity.report;

import static io.pgparity.report.HtmlText.escape;

import io.pgparity.audit.AuditReport;
import io.pgparity.audit.Finding;
import io.pgparity.audit.ReplicationState;
import io.pgparity.audit.SettingValue;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The "Replication audit" section of report.html, the same content as report.md's. */
final class HtmlAudit {

  private HtmlAudit() {}

  /** Appends nothing when the run did not get to its audit ({@code audit} null). */
  static void append(StringBuilder html, AuditReport audit) {
    if (audit == null) {
      return;
    }
    html.append("<section id=\"audit\" data-status=\"")
        .append(audit.status())
        .append("\">\n<h2>Replication audit</h2>\n");
    html.append("<p>")
        .append(
            switch (audit.status()) {
              case "OK" -> "No findings.";
              case "FINDINGS" ->
                  audit.findings().size() + " finding(s); with consistent data the exit code is 6.";
              default -> "The audit could not read the servers; the data check went on without it.";
            })
        .append("</p>\n");
    if (!audit.findings().isEmpty()) {
      html.append(
          "<table class=\"findings\">\n<thead><tr><th>Kind</th><th>Side</th><th>Subject</th><th>Expected</th>"
              + "<th>Actual</th><th>What to do</th></tr></thead>\n<tbody>\n");
      for (Finding f : audit.findings()) {
        html.append("<tr><td>")
            .append(f.kind())
            .append("</td><td>")
            .append(escape(f.side()))
            .append("</td><td>")
            .append(escape(f.subject()))
            .append("</td><td>")
            .append(escape(f.expected()))
            .append("</td><td class=\"bad\">")
            .append(escape(f.actual()))
            .append("</td><td>")
            .append(escape(f.message()))
            .append("</td></tr>\n");
      }
      html.append("</tbody>\n</table>\n");
    }
    if (!audit.errors().isEmpty()) {
      html.append("<p class=\"hint\">Not read:</p>\n<ul class=\"unread\">\n");
      audit.errors().forEach(e -> html.append("<li>").append(escape(e)).append("</li>\n"));
      html.append("</ul>\n");
    }
    if (audit.replication() != null) {
      state(html, audit.replication());
    }
    expected(html, audit);
    html.append("</section>\n");
  }

  private static void state(StringBuilder html, ReplicationState state) {
    html.append("<dl class=\"run\">\n");
    item(html, "Replica in recovery", state.replicaInRecovery() ? "yes (physical standby)" : "no");
    if (state.replicaInRecovery()) {
      item(html, "WAL receiver", state.receiverStatus() == null ? "none" : state.receiverStatus());
    }
    state
        .senders()
        .forEach(
            s ->
                item(
                    html,
                    "Sender " + s.applicationName(),
                    s.state()
                        + ", "
                        + s.syncState()
                        + ", replay lag "
                        + (s.replayLag() == null ? "-" : s.replayLag())));
    state
        .slots()
        .forEach(
            s ->
                item(
                    html,
                    "Slot " + s.name(),
                    s.type()
                        + ", "
                        + (s.active() ? "active" : "inactive")
                        + ", retains "
                        + (s.retainedBytes() == null
                            ? "-"
                            : String.format(Locale.ROOT, "%,d bytes", s.retainedBytes()))
                        + " of WAL"));
    state
        .subscriptions()
        .forEach(s -> item(html, "Subscription " + s.name(), s.enabled() ? "enabled" : "disabled"));
    html.append("</dl>\n");
  }

  private static void expected(StringBuilder html, AuditReport audit) {
    if (audit.expected().isEmpty()) {
      return;
    }
    html.append(
        "<table class=\"expected\">\n<thead><tr><th>Expected setting</th><th>Expected</th><th>Primary</th>"
            + "<th>Replica</th></tr></thead>\n<tbody>\n");
    for (Map.Entry<String, String> e : new TreeMap<>(audit.expected()).entrySet()) {
      html.append("<tr><th>")
          .append(escape(e.getKey()))
          .append("</th><td>")
          .append(escape(e.getValue()))
          .append("</td><td>")
          .append(shown(audit.primarySettings(), e.getKey()))
          .append("</td><td>")
          .append(shown(audit.replicaSettings(), e.getKey()))
          .append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  private static String shown(Map<String, SettingValue> settings, String name) {
    SettingValue value = settings.get(name);
    return value == null ? "-" : escape(value.shown());
  }

  private static void item(StringBuilder html, String term, String value) {
    html.append("<dt>")
        .append(escape(term))
        .append("</dt><dd>")
        .append(escape(value))
        .append("</dd>\n");
  }
}
