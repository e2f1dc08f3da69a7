package io.pgparity.report;

import static com.google.common.base.Preconditions.checkNotNull;
import static io.pgparity.report.HtmlText.escape;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.compare.Divergence;
import io.pgparity.connect.ServerInfo;
import io.pgparity.files.AtomicFile;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes report.html, report.md's content for a browser: the verdict in its status colour, servers,
 * replication, per-table counts, a strip per table showing where in the key space the differences
 * lie, and the first divergent rows with the differing cells highlighted. One file, no scripts,
 * nothing loaded from elsewhere; every text from the run is escaped by {@link HtmlText}.
 */
public final class HtmlReportWriter {

  /** The file name inside a run folder. */
  public static final String FILE_NAME = "report.html";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /**
   * Writes the report atomically; {@code sample} is the same as report.md's (see {@link
   * MarkdownReportWriter#write}).
   */
  public void write(RunResult result, List<Divergence> sample, Path file) {
    checkNotNull(result, "result");
    checkNotNull(file, "file");
    AtomicFile.write(file, render(result, sample == null ? List.of() : sample).getBytes(UTF_8));
  }

  static String render(RunResult r, List<Divergence> sample) {
    StringBuilder html = new StringBuilder(32_768);
    HtmlPage.head(html, "pgparity report: " + r.run().job() + " — " + r.status());
    html.append("<header id=\"verdict\" class=\"verdict status-")
        .append(r.status())
        .append("\">\n")
        .append("<div class=\"status\">")
        .append(r.status())
        .append("</div>\n")
        .append("<h1>pgparity report: ")
        .append(escape(r.run().job()))
        .append("</h1>\n")
        .append("<p class=\"finding\">")
        .append(escape(Verdict.finding(r)))
        .append(".</p>\n</header>\n<main>\n");
    html.append("<dl class=\"run\">\n");
    item(html, "Run id", r.run().runId());
    item(html, "Started", TIME.format(r.startedAt()));
    item(html, "Finished", TIME.format(r.finishedAt()) + " (" + Verdict.seconds(r) + " s)");
    item(html, "pgparity version", r.run().version() == null ? "unknown" : r.run().version());
    ShardText.of(r)
        .ifPresent(s -> item(html, r.sharding().shard() != null ? "Shard" : "Merged", s));
    html.append("</dl>\n");
    servers(html, r);
    HtmlReplication.append(html, r.replication());
    HtmlAudit.append(html, r.audit());
    tables(html, r);
    HtmlStrip.append(html, r);
    findingsAndNotes(html, r);
    HtmlDivergences.append(html, r, sample);
    HtmlPage.tail(html, r.run().version());
    return html.toString();
  }

  private static void item(StringBuilder html, String term, String value) {
    html.append("<dt>")
        .append(escape(term))
        .append("</dt><dd>")
        .append(escape(value))
        .append("</dd>\n");
  }

  private static void servers(StringBuilder html, RunResult r) {
    html.append(
        "<section id=\"servers\">\n<h2>Servers</h2>\n<table>\n<thead><tr><th>Role</th><th>Host</th>"
            + "<th>Database</th><th>Version</th><th>System identifier</th></tr></thead>\n<tbody>\n");
    server(html, "primary", r.servers().primary());
    server(html, "replica", r.servers().replica());
    html.append("</tbody>\n</table>\n</section>\n");
  }

  private static void server(StringBuilder html, String role, ServerInfo s) {
    html.append("<tr><th>").append(role).append("</th>");
    if (s == null) {
      html.append("<td colspan=\"4\"><span class=\"absent\">unknown</span></td></tr>\n");
      return;
    }
    for (String cell : List.of(s.host(), s.database(), s.serverVersion(), s.systemIdentifier())) {
      html.append("<td>").append(escape(cell)).append("</td>");
    }
    html.append("</tr>\n");
  }

  private static void tables(StringBuilder html, RunResult r) {
    html.append("<section id=\"tables\">\n<h2>Tables</h2>\n");
    if (r.tables().isEmpty()) {
      html.append("<p>No table was compared.</p>\n</section>\n");
      return;
    }
    html.append(
        "<table class=\"counts\">\n<thead><tr><th>Table</th><th>Status</th><th>Rows primary</th>"
            + "<th>Rows replica</th><th>Ranges</th><th>Missing</th><th>Extra</th><th>Changed</th><th>Converged</th>"
            + "<th>Unstable</th><th>Seconds</th></tr></thead>\n<tbody>\n");
    for (TableResult t : r.tables()) {
      html.append("<tr data-table=\"")
          .append(escape(t.table().toString()))
          .append("\"><th>")
          .append(escape(t.table().toString()))
          .append("</th><td><span class=\"badge status-")
          .append(t.status())
          .append("\">")
          .append(t.status())
          .append("</span></td>");
      count(html, t.rows().rowsPrimary(), "");
      count(
          html,
          t.rows().rowsReplica(),
          t.rows().rowsReplica() != t.rows().rowsPrimary() ? " warn" : "");
      count(html, t.rows().ranges(), "");
      count(
          html,
          t.differences().missingOnReplica(),
          t.differences().missingOnReplica() > 0 ? " bad" : "");
      count(
          html,
          t.differences().extraOnReplica(),
          t.differences().extraOnReplica() > 0 ? " bad" : "");
      count(html, t.differences().changed(), t.differences().changed() > 0 ? " bad" : "");
      count(html, t.rechecks().converged(), "");
      count(html, t.rechecks().unstable(), t.rechecks().unstable() > 0 ? " warn" : "");
      html.append(String.format(Locale.ROOT, "<td class=\"n\">%.3f</td></tr>%n", t.seconds()));
    }
    html.append("</tbody>\n</table>\n</section>\n");
  }

  private static void count(StringBuilder html, long n, String mark) {
    html.append(String.format(Locale.ROOT, "<td class=\"n%s\">%,d</td>", mark, n));
  }

  private static void findingsAndNotes(StringBuilder html, RunResult r) {
    html.append("<section id=\"findings\">\n<h2>Schema findings</h2>\n");
    List<TableResult> withFindings =
        r.tables().stream().filter(t -> !t.schemaFindings().isEmpty()).toList();
    if (withFindings.isEmpty()) {
      html.append("<p>None.</p>\n");
    }
    for (TableResult t : withFindings) {
      html.append("<h3>").append(escape(t.table().toString())).append("</h3>\n<ul>\n");
      t.schemaFindings().forEach(f -> html.append("<li>").append(escape(f)).append("</li>\n"));
      html.append("</ul>\n");
    }
    html.append("</section>\n");
    List<TableResult> unfinished =
        r.tables().stream()
            .filter(t -> t.status() == Status.INCOMPLETE || t.status() == Status.FAILED)
            .toList();
    if (unfinished.isEmpty()) {
      return;
    }
    html.append("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
    for (TableResult t : unfinished) {
      String note = MarkdownReportWriter.note(t);
      html.append("<li><b>")
          .append(escape(t.table().toString()))
          .append("</b> (")
          .append(t.status())
          .append("): ")
          .append(escape(note))
          .append("</li>\n");
    }
    html.append("</ul>\n</section>\n");
  }
}
