package io.pgparity.report;

import static com.google.common.base.Preconditions.checkNotNull;
import static io.pgparity.report.HtmlText.escape;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.compare.Divergence;
import io.pgparity.connect.ServerInfo;
import io.pgparity.files.AtomicFile;
import io.pgparity.finding.SchemaFinding;
import io.pgparity.sequence.SequenceResult;
import io.pgparity.table.TableRef;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes report.html, report.md's content for a browser: the verdict in its status colour, the
 * tables with differences (most divergent rows first) and the schema findings, one line per schema,
 * the left-out and compared tables, servers, replication, a strip per table with differences
 * showing where in the key space they lie, and the first divergent rows with the differing cells
 * highlighted. One file, no scripts, nothing loaded from elsewhere; every text from the run is
 * escaped by {@link HtmlText}.
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
    if (r.note() != null) {
      html.append("<p class=\"note\"><b>Note:</b> ").append(escape(r.note())).append("</p>\n");
    }
    html.append("<dl class=\"run\">\n");
    item(html, "Run id", r.run().runId());
    item(html, "Started", TIME.format(r.startedAt()));
    item(html, "Finished", TIME.format(r.finishedAt()) + " (" + Verdict.seconds(r) + " s)");
    item(html, "pgparity version", r.run().version() == null ? "unknown" : r.run().version());
    ShardText.of(r)
        .ifPresent(s -> item(html, r.sharding().shard() != null ? "Shard" : "Merged", s));
    html.append("</dl>\n");
    // what differs first, however many tables the run compared
    tables(html, r);
    databaseFindings(html, r);
    sequences(html, r);
    HtmlAudit.append(html, r.audit());
    schemas(html, r);
    leftOut(html, r);
    chosen(html, r);
    servers(html, r);
    HtmlReplication.append(html, r.replication());
    HtmlStrip.append(html, r);
    notes(html, r);
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
    html.append("<section id=\"tables\">\n<h2>Tables with differences</h2>\n");
    if (r.tables().isEmpty()) {
      html.append("<p>No table was compared.</p>\n</section>\n");
      return;
    }
    List<TableResult> different = RunOverview.withDifferences(r);
    int same = r.tables().size() - different.size();
    if (different.isEmpty()) {
      html.append("<p>None: all ")
          .append(String.format(Locale.ROOT, "%,d", r.tables().size()))
          .append(" compared tables agree.</p>\n</section>\n");
      return;
    }
    html.append(
        "<table class=\"counts\">\n<thead><tr><th>Table</th><th>Status</th><th>Rows primary</th>"
            + "<th>Rows replica</th><th>Ranges</th><th>Missing</th><th>Extra</th><th>Changed</th><th>Converged</th>"
            + "<th>Unstable</th><th>Seconds</th></tr></thead>\n<tbody>\n");
    for (TableResult t : different) {
      html.append("<tr data-table=\"")
          .append(escape(t.table().unambiguous()))
          .append("\"><th>")
          .append(escape(t.table().unambiguous()))
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
    html.append("</tbody>\n</table>\n");
    if (same > 0) {
      html.append("<p>The other ")
          .append(String.format(Locale.ROOT, "%,d", same))
          .append(same == 1 ? " compared table agrees" : " compared tables agree")
          .append(" (counted by schema below; each is in <code>summary.json</code>).</p>\n");
    }
    Map<TableRef, List<SchemaFinding>> byTable = r.findingsByTable();
    for (TableResult t : different) {
      List<String> findings = RunOverview.findings(t, byTable);
      if (!findings.isEmpty()) {
        html.append("<h3>Schema findings of ")
            .append(escape(t.table().unambiguous()))
            .append("</h3>\n<ul class=\"findings\">\n");
        findings.forEach(f -> html.append("<li>").append(escape(f)).append("</li>\n"));
        html.append("</ul>\n");
      }
    }
    html.append("</section>\n");
  }

  private static void count(StringBuilder html, long n, String mark) {
    html.append(String.format(Locale.ROOT, "<td class=\"n%s\">%,d</td>", mark, n));
  }

  /** Findings of the whole database, and of tables the run did not compare. */
  private static void databaseFindings(StringBuilder html, RunResult r) {
    html.append("<section id=\"findings\">\n<h2>Schema findings of the database</h2>\n");
    List<SchemaFinding> wide =
        r.schemaFindings().stream().filter(SchemaFinding::databaseWide).toList();
    Map<TableRef, List<SchemaFinding>> other = RunOverview.findingsOfOtherTables(r);
    if (wide.isEmpty() && other.isEmpty()) {
      html.append("<p>None.</p>\n</section>\n");
      return;
    }
    html.append("<ul class=\"findings\">\n");
    wide.forEach(f -> finding(html, null, f));
    other.forEach((table, findings) -> findings.forEach(f -> finding(html, table, f)));
    html.append("</ul>\n</section>\n");
  }

  private static void finding(StringBuilder html, TableRef table, SchemaFinding f) {
    html.append("<li class=\"").append(f.divergent() ? "bad" : "warn").append("\">");
    if (table != null) {
      html.append("<b>").append(escape(table.unambiguous())).append("</b>: ");
    }
    html.append(escape(RunOverview.finding(f))).append("</li>\n");
  }

  private static void sequences(StringBuilder html, RunResult r) {
    if (r.sequences().isEmpty()) {
      return;
    }
    List<SequenceResult> shown = RunOverview.sequencesShown(r);
    html.append("<section id=\"sequences\">\n<h2>Sequences</h2>\n<p>")
        .append(String.format(Locale.ROOT, "%,d", r.sequences().size()))
        .append(" compared: ")
        .append(r.divergentSequences())
        .append(" divergent, ")
        .append(r.sequences().size() - shown.size())
        .append(" the same on both sides.</p>\n");
    if (!shown.isEmpty()) {
      html.append("<ul>\n");
      for (SequenceResult s : shown) {
        html.append("<li class=\"")
            .append(s.divergent() ? "bad" : "warn")
            .append("\">")
            .append(s.divergent() ? "<b>DIVERGENT</b> " : "")
            .append(escape(RunOverview.sequence(s)))
            .append("</li>\n");
      }
      html.append("</ul>\n");
    }
    html.append("</section>\n");
  }

  private static void schemas(StringBuilder html, RunResult r) {
    List<RunOverview.SchemaLine> lines = RunOverview.schemas(r);
    if (lines.isEmpty()) {
      return;
    }
    html.append(
        "<section id=\"schemas\">\n<h2>Schemas</h2>\n<table class=\"counts\">\n<thead><tr>"
            + "<th>Schema</th><th>Tables compared</th><th>Diverged</th><th>Rows compared</th>"
            + "<th>Left out</th></tr></thead>\n<tbody>\n");
    for (RunOverview.SchemaLine line : lines) {
      html.append("<tr><th>").append(escape(line.schema())).append("</th>");
      count(html, line.compared(), "");
      count(html, line.diverged(), line.diverged() > 0 ? " bad" : "");
      count(html, line.rows(), "");
      count(html, line.leftOut(), line.leftOut() > 0 ? " warn" : "");
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n</section>\n");
  }

  private static void leftOut(StringBuilder html, RunResult r) {
    if (r.leftOut().isEmpty()) {
      return;
    }
    html.append("<section id=\"left-out\">\n<h2>Left out</h2>\n<p>")
        .append(String.format(Locale.ROOT, "%,d", r.leftOut().size()))
        .append(" tables the selection matched were not compared:</p>\n<ul>\n");
    RunOverview.leftOut(r)
        .forEach(
            (reason, tables) -> {
              html.append("<li data-reason=\"")
                  .append(reason)
                  .append("\"><b>")
                  .append(escape(RunOverview.reason(reason)))
                  .append("</b> (")
                  .append(tables.size())
                  .append("): ")
                  .append(
                      escape(
                          tables.stream()
                              .limit(RunOverview.LEFT_OUT_NAMED)
                              .map(RunOverview::leftOut)
                              .collect(Collectors.joining(", "))));
              if (tables.size() > RunOverview.LEFT_OUT_NAMED) {
                html.append(" and ")
                    .append(tables.size() - RunOverview.LEFT_OUT_NAMED)
                    .append(" more (all are in <code>summary.json</code>)");
              }
              html.append("</li>\n");
            });
    html.append("</ul>\n</section>\n");
  }

  /** Every compared table by name, folded away: an auditor opens it to see what was covered. */
  private static void chosen(StringBuilder html, RunResult r) {
    if (r.tables().isEmpty()) {
      return;
    }
    html.append("<section id=\"compared\">\n<details>\n<summary>Tables compared (")
        .append(String.format(Locale.ROOT, "%,d", r.tables().size()))
        .append(")</summary>\n<ul>\n");
    RunOverview.chosen(r)
        .forEach(
            (schema, names) ->
                html.append("<li><b>")
                    .append(escape(schema))
                    .append("</b>: ")
                    .append(escape(String.join(", ", names)))
                    .append("</li>\n"));
    if (r.tables().size() > RunOverview.TABLES_NAMED) {
      html.append("<li>and ")
          .append(r.tables().size() - RunOverview.TABLES_NAMED)
          .append(" more (all are in <code>summary.json</code>)</li>\n");
    }
    html.append("</ul>\n</details>\n</section>\n");
  }

  private static void notes(StringBuilder html, RunResult r) {
    List<TableResult> unfinished = RunOverview.unfinished(r);
    if (unfinished.isEmpty()) {
      return;
    }
    html.append("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
    for (TableResult t : unfinished) {
      String note = MarkdownReportWriter.note(t);
      html.append("<li><b>")
          .append(escape(t.table().unambiguous()))
          .append("</b> (")
          .append(t.status())
          .append("): ")
          .append(escape(note))
          .append("</li>\n");
    }
    html.append("</ul>\n</section>\n");
  }
}
