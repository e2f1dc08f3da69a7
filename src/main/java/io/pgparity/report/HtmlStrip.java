package io.pgparity.report;

import static io.pgparity.report.HtmlText.escape;

import io.pgparity.verdict.Status;
import java.util.List;
import java.util.Locale;

/**
 * The "Where the differences lie" section of report.html: per table with differences (worst first),
 * an inline SVG strip of its key space in key order, one cell per range (or per few adjacent
 * ranges, see {@link KeySpaceStrip#MAX_CELLS}), coloured by whether the hashes differed and shaded
 * by the divergent rows found there.
 */
final class HtmlStrip {

  /** The SVG's own width; it is stretched to the page width. */
  static final int WIDTH = 1000;

  private static final int HEIGHT = 28;

  private HtmlStrip() {}

  static void append(StringBuilder html, RunResult r) {
    html.append("<section id=\"key-space\">\n<h2>Where the differences lie</h2>\n");
    if (r.tables().isEmpty()) {
      html.append("<p>No table was compared.</p>\n</section>\n");
      return;
    }
    if (!r.sharding().shards().isEmpty()) {
      // each shard planned ranges of its own over its own rows: their strips do not add up
      html.append("<p>Not shown for a merged run: see the report.html of each shard run (")
          .append(escape(String.join(", ", r.sharding().shards())))
          .append(").</p>\n</section>\n");
      return;
    }
    List<TableResult> different = RunOverview.withDifferences(r);
    if (different.isEmpty()) {
      html.append("<p>No table has differences.</p>\n</section>\n");
      return;
    }
    html.append(LEGEND);
    // only tables with differences: a thousand strips of equal hashes would bury the one that
    // matters
    for (TableResult t : different) {
      strip(html, t);
    }
    html.append("</section>\n");
  }

  private static void strip(StringBuilder html, TableResult t) {
    KeySpaceStrip strip = t.strip();
    String name = escape(t.table().unambiguous());
    if (strip == null || strip.ranges() == 0) {
      html.append("<figure class=\"strip\" data-table=\"")
          .append(name)
          .append("\" data-cells=\"0\">\n");
      html.append("<figcaption><strong>")
          .append(name)
          .append("</strong>: no key-space data (")
          .append(t.status())
          .append(", the table's ranges were not compared)</figcaption>\n</figure>\n");
      return;
    }
    List<KeySpaceStrip.Cell> cells = strip.cells();
    html.append("<figure class=\"strip\" data-table=\"")
        .append(name)
        .append("\" data-cells=\"")
        .append(cells.size())
        .append("\" data-ranges=\"")
        .append(strip.ranges())
        .append("\" data-mismatched=\"")
        .append(strip.mismatched().size())
        .append("\" data-divergent=\"")
        .append(strip.divergentRows())
        .append("\">\n<figcaption><strong>")
        .append(name)
        .append("</strong>: ")
        .append(caption(strip, cells.size()));
    if (t.status() == Status.INCOMPLETE) {
      html.append(". The table is incomplete (see Notes): some ranges may not have been examined");
    }
    html.append("</figcaption>\n");
    html.append("<svg class=\"cells\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" preserveAspectRatio=\"none\" width=\"100%\" height=\"")
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(escape(caption(strip, cells.size())))
        .append("\">\n");
    long most = cells.stream().mapToLong(KeySpaceStrip.Cell::divergentRows).max().orElse(0);
    double width = (double) WIDTH / cells.size();
    for (int i = 0; i < cells.size(); i++) {
      cell(html, cells.get(i), i * width, width, most);
    }
    html.append(
        "</svg>\n<div class=\"axis\"><span>first key</span><span>last key</span></div>\n</figure>\n");
  }

  private static void cell(
      StringBuilder html, KeySpaceStrip.Cell c, double x, double width, long most) {
    String kind =
        c.divergentRows() > 0 ? "divergent" : c.mismatchedRanges() > 0 ? "mismatched" : "equal";
    html.append(
        String.format(
            Locale.ROOT,
            "<rect class=\"cell %s\" x=\"%.3f\" y=\"0\" width=\"%.3f\" height=\"%d\"",
            kind,
            x,
            width,
            HEIGHT));
    if (c.divergentRows() > 0) {
      // a log scale, so one divergent row still shows beside a range with thousands
      double heat = 0.35 + 0.65 * Math.log1p(c.divergentRows()) / Math.log1p(most);
      html.append(String.format(Locale.ROOT, " fill-opacity=\"%.2f\"", heat));
    }
    boolean one = c.first() == c.last();
    html.append("><title>")
        .append(one ? "range " + c.first() : "ranges " + c.first() + "–" + c.last())
        .append(": ");
    if (c.mismatchedRanges() == 0) {
      html.append("hashes equal");
    } else {
      html.append(one ? "hashes differed" : c.mismatchedRanges() + " with differing hashes")
          .append(", ")
          .append(
              c.divergentRows() == 0
                  ? "no row proved divergent"
                  : plural(c.divergentRows(), "divergent row"));
    }
    html.append("</title></rect>\n");
  }

  private static String caption(KeySpaceStrip strip, int cells) {
    int fewest = strip.ranges() / cells;
    String perCell =
        cells == strip.ranges()
            ? ""
            : strip.ranges() % cells == 0
                ? String.format(Locale.ROOT, " in %d cells of %d", cells, fewest)
                : String.format(Locale.ROOT, " in %d cells of %d or %d", cells, fewest, fewest + 1);
    return plural(strip.ranges(), "range")
        + perCell
        + "; hashes differed in "
        + String.format(Locale.ROOT, "%,d", strip.mismatched().size())
        + ", holding "
        + plural(strip.divergentRows(), "divergent row");
  }

  private static String plural(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }

  private static final String LEGEND =
      """
      <p class="legend"><span class="swatch equal"></span> hashes equal \
      <span class="swatch mismatched"></span> hashes differed, no row proved divergent (in flight, \
      unstable, or not examined) <span class="swatch divergent"></span> divergent rows (darker: more)</p>
      <p class="hint">Each strip is one table's key space from its first key to its last. A range \
      holds about chunk-rows rows, so the strip is scaled by rows, not by key values; with more than \
      200 ranges a cell joins a few adjacent ones. Hover a cell for its counts.</p>
      """;
}
