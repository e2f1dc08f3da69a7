package io.pgparity.progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The live terminal line: with more than one table, how many are done of all, then each table being
 * hashed with its share done, rows/s and time left, e.g. {@code tables 37/1000 done | Hashing
 * public.users 45% 410k rows/s 13 s left | public.sessions 12% 95k rows/s 1 min 4 s left}, cut to
 * the terminal's columns (the count first, so a cut never loses it). Empty when no table is being
 * hashed.
 */
final class ProgressLine {

  static final String CUT = "...";

  private ProgressLine() {}

  /** The line at {@code now} (System.nanoTime()), at most {@code columns} characters. */
  static String render(List<TableProgress> tables, long now, int columns) {
    List<String> parts = new ArrayList<>();
    for (TableProgress table : tables) {
      if (table.started() && !table.done()) {
        parts.add(part(table, now));
      }
    }
    if (parts.isEmpty()) {
      return "";
    }
    return cut(tables(tables) + "Hashing " + String.join(" | ", parts), columns);
  }

  /** {@code tables 37/1000 done | } with more than one table, else empty. */
  static String tables(List<TableProgress> tables) {
    if (tables.size() < 2) {
      return "";
    }
    long done = tables.stream().filter(TableProgress::done).count();
    return String.format(Locale.ROOT, "tables %,d/%,d done | ", done, tables.size());
  }

  private static String part(TableProgress table, long now) {
    String rate = rate(table.rate(now)) + " rows/s";
    if (table.estimatedRows() <= 0) {
      return String.format(Locale.ROOT, "%s %,d rows %s", table.table(), table.rows(), rate);
    }
    Duration left = table.left(now);
    return String.format(
        Locale.ROOT,
        "%s %d%% %s %s left",
        table.table(),
        table.percent(),
        rate,
        left == null ? "?" : TableProgress.eta(left));
  }

  /** Rows per second, short: 950, 9,500, 95k, 950k, 9.5M, 95M. */
  static String rate(long perSecond) {
    if (perSecond < 10_000) {
      return String.format(Locale.ROOT, "%,d", perSecond);
    }
    if (perSecond < 1_000_000) {
      return perSecond / 1_000 + "k";
    }
    return perSecond < 10_000_000
        ? String.format(Locale.ROOT, "%.1fM", perSecond / 1e6)
        : perSecond / 1_000_000 + "M";
  }

  /** {@code text} in at most {@code columns} characters, ending in {@value #CUT} when cut. */
  static String cut(String text, int columns) {
    if (text.codePointCount(0, text.length()) <= columns) {
      return text;
    }
    int keep = Math.max(0, columns - CUT.length());
    return text.substring(0, text.offsetByCodePoints(0, keep)) + CUT;
  }
}
