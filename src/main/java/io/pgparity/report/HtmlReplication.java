package io.pgparity.report;

import static io.pgparity.report.HtmlText.escape;

import java.util.Locale;

/** The "Replication" section of report.html: what the replica is and how the run waited for it. */
final class HtmlReplication {

  private HtmlReplication() {}

  /** Appends nothing when the run did not look at replication ({@code r} null). */
  static void append(StringBuilder html, ReplicationSummary r) {
    if (r == null) {
      return;
    }
    html.append("<section id=\"replication\">\n<h2>Replication</h2>\n<dl class=\"run\">\n");
    String detail = r.detail() == null || r.detail().isBlank() ? "" : ": " + r.detail();
    item(html, "Replica", r.description() + " (" + r.kind() + ")" + detail);
    item(
        html,
        "Lag-aware",
        r.lagAware()
            ? String.format(
                Locale.ROOT,
                "yes: rows were compared only after the replica had passed the primary's WAL"
                    + " position; it was behind %d time(s), %.3f s in all, %.3f s at most, by at most %,d bytes of WAL",
                r.waits(),
                r.totalWait().toMillis() / 1e3,
                r.longestWait().toMillis() / 1e3,
                r.largestLagBytes())
            : "no: the replica was read without waiting for it (independent copy, promoted replica, or lag-aware: false)");
    item(
        html,
        "Paused for max-lag",
        String.format(Locale.ROOT, "%d time(s), %.1f s", r.pauses(), r.paused().toMillis() / 1e3));
    item(
        html,
        "Held back by rows-per-second",
        String.format(Locale.ROOT, "%.1f s", r.rateThrottled().toMillis() / 1e3));
    item(html, "Transient failures retried", Long.toString(r.retries()));
    html.append("</dl>\n");
    if (r.physicalStandby()) {
      html.append(
          "<p class=\"hint\">A hot standby is read-only and replays the primary byte for byte: divergent rows"
              + " there cannot be repaired row by row. Re-clone it (pg_basebackup) or rewind it (pg_rewind), and find out"
              + " why it diverged.</p>\n");
    }
    html.append("</section>\n");
  }

  private static void item(StringBuilder html, String term, String value) {
    html.append("<dt>")
        .append(escape(term))
        .append("</dt><dd>")
        .append(escape(value))
        .append("</dd>\n");
  }
}
