package io.pgparity.report;

import static io.pgparity.report.HtmlText.escape;

import java.util.Locale;

/**
 * The fixed frame of report.html: the head with its inline style sheet and a content security
 * policy that lets the page load nothing at all (no scripts, images, fonts or links), and the tail
 * explaining how to read it.
 */
final class HtmlPage {

  private HtmlPage() {}

  static void head(StringBuilder html, String title) {
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
  }

  static void tail(StringBuilder html, String version) {
    html.append(
        String.format(
            Locale.ROOT,
            HOW_TO_READ,
            MarkdownReportWriter.ROWS_PER_TABLE,
            HtmlText.MAX_VALUE_CHARS));
    html.append("</main>\n<footer>Written by pgparity ")
        .append(escape(version == null ? "(unknown version)" : version))
        .append(
            ". This page is self-contained: it loads no scripts and no other files.</footer>\n</body>\n</html>\n");
  }

  private static final String CSS =
      """
      :root { --consistent: #1b7f3b; --divergent: #c62828; --incomplete: #b26a00; --failed: #5b2a86; }
      * { box-sizing: border-box; }
      body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #f6f8fa; }
      header.verdict { padding: 20px 32px; color: #fff; }
      header.verdict h1 { margin: 0 0 4px; font-size: 22px; }
      header.verdict .status { display: inline-block; font-weight: 700; letter-spacing: .06em; padding: 2px 10px;
        border: 2px solid #fff; border-radius: 4px; margin-bottom: 8px; }
      header.verdict p { margin: 0; font-size: 16px; }
      .status-CONSISTENT { background: var(--consistent); } .status-DIVERGENT { background: var(--divergent); }
      .status-INCOMPLETE { background: var(--incomplete); } .status-FAILED { background: var(--failed); }
      main { padding: 8px 32px 24px; max-width: 1400px; }
      section { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 16px 12px; margin: 16px 0; }
      h2 { font-size: 18px; margin: 12px 0 8px; } h3 { font-size: 15px; margin: 14px 0 6px; }
      dl.run { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 16px 0; }
      dl.run dt { font-weight: 600; } dl.run dd { margin: 0; }
      table { border-collapse: collapse; margin: 4px 0 8px; }
      th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
      thead th { background: #eef1f4; }
      table.counts td.n { text-align: right; font-variant-numeric: tabular-nums; }
      td.bad { background: #fde7e7; color: #8e1b1b; font-weight: 600; } td.warn { background: #fff3d6; }
      li.bad { color: #8e1b1b; } li.warn { color: #7a4a00; } p.note { margin: 16px 0; }
      .badge { color: #fff; border-radius: 3px; padding: 0 6px; font-size: 12px; font-weight: 600; }
      figure.strip { margin: 10px 0 14px; } figure.strip figcaption { margin-bottom: 4px; }
      svg.cells { display: block; border: 1px solid #d0d7de; background: #fff; }
      .cell { stroke: #fff; stroke-width: 1px; vector-effect: non-scaling-stroke; }
      .cell.equal, .swatch.equal { fill: #dfe9df; background: #dfe9df; }
      .cell.mismatched, .swatch.mismatched { fill: #f2c14e; background: #f2c14e; }
      .cell.divergent, .swatch.divergent { fill: #c62828; background: #c62828; }
      .swatch { display: inline-block; width: 14px; height: 14px; vertical-align: -2px; border: 1px solid #999; margin-left: 10px; }
      .axis { display: flex; justify-content: space-between; font-size: 12px; color: #57606a; }
      .legend, .hint { margin: 4px 0; } .hint { color: #57606a; }
      table.rows { width: 100%; }
      table.rows tbody.divergence { border-top: 3px solid #8c959f; }
      table.rows td.column { font-weight: 600; white-space: nowrap; }
      table.rows tr:not(.differs) td:not(.kind) { color: #6e7781; }
      td.changed { background: #ffe08a; color: #1f2328 !important; font-weight: 600; }
      tbody.MISSING_ON_REPLICA td:not(.kind) { background: #fde7e7; }
      tbody.EXTRA_ON_REPLICA td:not(.kind) { background: #e3eefc; }
      th.key, td.kind { background: #f6f8fa; white-space: nowrap; } th.key .v { white-space: pre; word-break: normal; } td.kind small { color: #57606a; font-weight: 400; }
      .v { white-space: pre-wrap; word-break: break-all; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
      .null, .empty, .absent, .cut { font-style: italic; color: #6e7781; }
      .masked { font-family: ui-monospace, monospace; color: #5b2a86; word-break: break-all; }
      .masked::before { content: "masked "; font-family: system-ui, sans-serif; font-style: italic; color: #6e7781; }
      footer { color: #57606a; padding: 0 32px 24px; font-size: 12px; }
      """;

  private static final String HOW_TO_READ =
      """
      <section id="how-to-read">
      <h2>How to read this report</h2>
      <ul>
      <li><b>MISSING_ON_REPLICA</b>: the primary has a row with this key, the replica does not. \
      <b>EXTRA_ON_REPLICA</b>: the replica has a row the primary does not. <b>CHANGED</b>: both have \
      the key; the highlighted columns hold different values.</li>
      <li>Values are PostgreSQL's text output under TimeZone=UTC and DateStyle=ISO (bytea as hex, \
      floats exact), so equal text means equal data. <i>null</i> is SQL NULL, <i>empty</i> an empty \
      string; values over %2$d characters are cut. A value shown as <i>masked</i> <code>sha256:…</code> \
      was masked by the job's configuration: it is a fingerprint of the value, not the value.</li>
      <li><b>Converged</b> rows differed while a write was in flight and were equal once the replica \
      had caught up: not divergences. <b>Unstable</b> rows changed on the primary at every recheck (or \
      lie within the settle window): they could not be judged and make the table INCOMPLETE.</li>
      <li>This report shows at most %1$d rows per table. Every divergent row is in \
      <code>divergences.jsonl</code>; <code>summary.json</code> holds the counts for tools.</li>
      <li>Exit codes: 0 consistent, 1 divergent, 2 usage or configuration error, 3 runtime failure \
      (connection, permission, SQL), 4 incomplete (some tables were not fully compared), 6 the data is \
      consistent but the replication audit has findings.</li>
      </ul>
      </section>
      """;
}
