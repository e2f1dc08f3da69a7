package io.pgparity.report;

import static io.pgparity.report.MarkdownText.row;
import static io.pgparity.report.MarkdownText.text;
import static io.pgparity.report.MarkdownText.value;

import io.pgparity.compare.Divergence;
import io.pgparity.table.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The "First divergences" section of report.md: a few rows per table, values side by side. */
final class FirstDivergences {

  private FirstDivergences() {}

  /** Appends the section; {@code sample} may list tables in any order and more rows than shown. */
  static void append(StringBuilder md, RunResult r, List<Divergence> sample) {
    md.append("## First divergences\n\n");
    boolean any = false;
    for (Map.Entry<TableRef, List<Divergence>> entry : shown(r, sample).entrySet()) {
      long total = total(r, entry.getKey(), entry.getValue().size());
      if (total == 0) {
        continue;
      }
      any = true;
      md.append("### ").append(text(entry.getKey().unambiguous())).append("\n\n");
      List<Divergence> rows = entry.getValue();
      md.append(String.format(Locale.ROOT, "Showing %d of %d.", rows.size(), total));
      md.append(rows.size() < total ? " All are in `divergences.jsonl`.\n\n" : "\n\n");
      if (!rows.isEmpty()) {
        row(md, "Key", "Kind", "Column", "Primary", "Replica");
        row(md, "---", "---", "---", "---", "---");
        // copies of one row (a keyless table, or duplicate keys) show once with their count
        for (int i = 0; i < rows.size(); ) {
          Divergence d = rows.get(i);
          int copies = 1;
          while (i + copies < rows.size() && sameCopy(d, rows.get(i + copies))) {
            copies++;
          }
          divergence(md, d, copies);
          i += copies;
        }
        md.append('\n');
      }
    }
    if (!any) {
      md.append("No divergent rows were found.\n\n");
    }
  }

  /**
   * The divergences both reports show: per table, in the run's table order (then any other table
   * the sample names), the first {@value MarkdownReportWriter#ROWS_PER_TABLE} of the sample.
   */
  static Map<TableRef, List<Divergence>> shown(RunResult r, List<Divergence> sample) {
    Map<TableRef, List<Divergence>> byTable = new LinkedHashMap<>();
    r.tables().forEach(t -> byTable.put(t.table(), new ArrayList<>()));
    for (Divergence d : sample) {
      List<Divergence> rows = byTable.computeIfAbsent(d.table(), t -> new ArrayList<>());
      if (rows.size() < MarkdownReportWriter.ROWS_PER_TABLE) {
        rows.add(d);
      }
    }
    return byTable;
  }

  /** A table's divergent rows: its count, or at least the {@code shown} ones. */
  static long total(RunResult r, TableRef table, int shown) {
    long counted =
        r.tables().stream()
            .filter(t -> t.table().equals(table))
            .mapToLong(TableResult::divergentRows)
            .sum();
    return Math.max(counted, shown);
  }

  /** A missing or extra row reported again: the same key, kind and values. */
  static boolean sameCopy(Divergence a, Divergence b) {
    return a.kind() != io.pgparity.compare.DivergenceKind.CHANGED
        && a.kind() == b.kind()
        && a.table().equals(b.table())
        && a.key().equals(b.key())
        && java.util.Objects.equals(a.primary(), b.primary())
        && java.util.Objects.equals(a.replica(), b.replica());
  }

  private static void divergence(StringBuilder md, Divergence d, int copies) {
    String key =
        d.key().entrySet().stream()
            .map(e -> text(e.getKey()) + "=" + value(e.getValue()))
            .collect(Collectors.joining(", "));
    String kind = d.kind().name() + (copies > 1 ? " (" + copies + " copies)" : "");
    switch (d.kind()) {
      case MISSING_ON_REPLICA -> row(md, key, kind, "", "*present*", "*absent*");
      case EXTRA_ON_REPLICA -> row(md, key, kind, "", "*absent*", "*present*");
      case CHANGED -> {
        boolean first = true;
        for (String column : d.columns()) {
          // continuation rows leave key and kind blank: one divergence, several columns
          row(
              md,
              first ? key : "",
              first ? kind : "",
              text(column),
              value(d.primary().get(column)),
              value(d.replica().get(column)));
          first = false;
        }
      }
    }
  }
}
