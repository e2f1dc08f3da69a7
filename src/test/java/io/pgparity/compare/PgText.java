package io.pgparity.compare;

import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's text output of values, written out in Java so the tests know independently what the
 * engine must print: ISO timestamps in UTC, postgres-style intervals, hex bytea, array quoting.
 */
final class PgText {

  private PgText() {}

  /** {@code 2021-03-04 05:06:07.25}: ISO, fractional seconds without trailing zeros. */
  static String timestamp(LocalDateTime t) {
    String text =
        String.format(
            Locale.ROOT,
            "%04d-%02d-%02d %02d:%02d:%02d",
            t.getYear(),
            t.getMonthValue(),
            t.getDayOfMonth(),
            t.getHour(),
            t.getMinute(),
            t.getSecond());
    return text + fraction(t.getNano() / 1_000);
  }

  /**
   * IntervalStyle postgres for non-negative parts, e.g. {@code 1 year 2 mons 3 days 04:05:06.5}.
   */
  static String interval(int months, int days, long micros) {
    StringBuilder text = new StringBuilder();
    part(text, months / 12, "year", "years");
    part(text, months % 12, "mon", "mons");
    part(text, days, "day", "days");
    if (text.length() == 0 || micros != 0) {
      long seconds = micros / 1_000_000;
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(
          String.format(
              Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60));
      text.append(fraction((int) (micros % 1_000_000)));
    }
    return text.toString();
  }

  /** bytea_output hex. */
  static String bytea(byte[] bytes) {
    return "\\x" + HexFormat.of().formatHex(bytes);
  }

  /** array_out of a one-dimensional text array; null elements print as NULL. */
  static String textArray(List<String> elements) {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      String element = elements.get(i);
      if (element == null) {
        text.append("NULL");
      } else if (needsQuotes(element)) {
        text.append('"').append(element.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      } else {
        text.append(element);
      }
    }
    return text.append('}').toString();
  }

  /** JSON string escaping as PostgreSQL's escape_json does it. */
  static String jsonString(String value) {
    StringBuilder text = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\b' -> text.append("\\b");
        case '\f' -> text.append("\\f");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        default -> {
          if (c < ' ') {
            text.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    return text.append('"').toString();
  }

  private static boolean needsQuotes(String element) {
    if (element.isEmpty() || element.equalsIgnoreCase("NULL")) {
      return true;
    }
    for (char c : element.toCharArray()) {
      if ("{},\"\\ \t\n\r\u000B\f".indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static void part(StringBuilder text, int value, String one, String many) {
    if (value != 0) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(value).append(' ').append(value == 1 ? one : many);
    }
  }

  private static String fraction(int micros) {
    return micros == 0
        ? ""
        : "." + String.format(Locale.ROOT, "%06d", micros).replaceAll("0+$", "");
  }
}
