package io.pgparity.report;

import static io.pgparity.report.HtmlText.escape;
import static io.pgparity.report.HtmlText.value;

import io.pgparity.compare.Divergence;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.table.TableRef;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The "First divergences" section of report.html: the rows report.md shows, each with every
 * column's primary and replica values side by side; the differing cells of a CHANGED row are marked
 * {@code changed}, a MISSING or EXTRA row is marked as a whole.
 */
final class HtmlDivergences {

  private HtmlDivergences() {}

  static void append(StringBuilder html, RunResult r, List<Divergence> sample) {
    html.append("<section id=\"divergences\">\n<h2>First divergences</h2>\n");
    boolean any = false;
    for (Map.Entry<TableRef, List<Divergence>> entry :
        FirstDivergences.shown(r, sample).entrySet()) {
      List<Divergence> rows = entry.getValue();
      long total = FirstDivergences.total(r, entry.getKey(), rows.size());
      if (total == 0) {
        continue;
      }
      any = true;
      String name = escape(entry.getKey().unambiguous());
      html.append("<div class=\"table-divergences\" data-table=\"")
          .append(name)
          .append("\">\n<h3>")
          .append(name)
          .append("</h3>\n<p>")
          .append(String.format(Locale.ROOT, "Showing %,d of %,d.", rows.size(), total))
          .append(rows.size() < total ? " All are in <code>divergences.jsonl</code>." : "")
          .append("</p>\n");
      if (!rows.isEmpty()) {
        html.append(
            "<table class=\"rows\">\n<thead><tr><th>Key</th><th>Kind</th><th>Column</th>"
                + "<th>Primary</th><th>Replica</th></tr></thead>\n");
        rows.forEach(d -> divergence(html, d));
        html.append("</table>\n");
      }
      html.append("</div>\n");
    }
    if (!any) {
      html.append("<p>No divergent rows were found.</p>\n");
    }
    html.append("</section>\n");
  }

  private static void divergence(StringBuilder html, Divergence d) {
    Set<String> columns = new LinkedHashSet<>();
    if (d.primary() != null) {
      columns.addAll(d.primary().keySet());
    }
    if (d.replica() != null) {
      columns.addAll(d.replica().keySet());
    }
    if (columns.isEmpty()) {
      columns.addAll(d.key().keySet());
    }
    String key =
        d.key().entrySet().stream()
            .map(e -> escape(e.getKey()) + " = " + value(e.getValue()))
            .collect(Collectors.joining(", "));
    html.append("<tbody class=\"divergence ")
        .append(d.kind())
        .append("\" data-kind=\"")
        .append(d.kind())
        .append("\">\n");
    boolean first = true;
    for (String column : columns) {
      boolean differs = d.kind() != DivergenceKind.CHANGED || d.columns().contains(column);
      html.append(differs ? "<tr class=\"differs\">" : "<tr>");
      if (first) {
        // one divergence, several columns: key and kind span its rows
        html.append("<th class=\"key\" rowspan=\"")
            .append(columns.size())
            .append("\">")
            .append(key)
            .append("</th><td class=\"kind\" rowspan=\"")
            .append(columns.size())
            .append("\">")
            .append(kind(d.kind()))
            .append("</td>");
        first = false;
      }
      String mark = d.kind() == DivergenceKind.CHANGED && differs ? " class=\"changed\"" : "";
      html.append("<td class=\"column\">")
          .append(escape(column))
          .append("</td>")
          .append("<td")
          .append(mark)
          .append('>')
          .append(side(d.primary(), column))
          .append("</td>")
          .append("<td")
          .append(mark)
          .append('>')
          .append(side(d.replica(), column))
          .append("</td></tr>\n");
    }
    html.append("</tbody>\n");
  }

  private static String side(Map<String, String> row, String column) {
    if (row == null) {
      return "<span class=\"absent\">absent</span>";
    }
    return row.containsKey(column)
        ? value(row.get(column))
        : "<span class=\"absent\">not compared</span>";
  }

  private static String kind(DivergenceKind kind) {
    return switch (kind) {
      case MISSING_ON_REPLICA -> "MISSING_ON_REPLICA<br><small>only on the primary</small>";
      case EXTRA_ON_REPLICA -> "EXTRA_ON_REPLICA<br><small>only on the replica</small>";
      case CHANGED -> "CHANGED<br><small>highlighted columns differ</small>";
    };
  }
}
