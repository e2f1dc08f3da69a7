package io.pgparity.report;

/**
 * The one place report.html escapes text: names, notes and row values come from the database and
 * may contain anything, and must render as themselves, never as markup.
 */
final class HtmlText {

  /** Longer values are cut in report.html; divergences.jsonl keeps them whole. */
  static final int MAX_VALUE_CHARS = 200;

  /** How a value masked upstream begins: it is a fingerprint of the value, not the value. */
  static final String FINGERPRINT = "sha256:";

  private HtmlText() {}

  /**
   * Text safe in element content and in quoted attribute values: {@code & < > " '} become
   * entities; control characters other than tab and line feed become their visible Unicode
   * pictures (␀, ␍, ␡), which also keeps characters HTML forbids out of the file.
   */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\t', '\n' -> out.append(c);
        default -> {
          if (c < 0x20) {
            out.append((char) (0x2400 + c));
          } else if (c == 0x7f) {
            out.append('\u2421');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * A row value as markup: SQL NULL and the empty string are named, a masked value is marked as
   * a fingerprint, a value over {@value #MAX_VALUE_CHARS} characters is cut with its length given.
   */
  static String value(String v) {
    if (v == null) {
      return "<span class=\"null\">null</span>";
    }
    if (v.isEmpty()) {
      return "<span class=\"empty\">empty</span>";
    }
    if (v.startsWith(FINGERPRINT)) {
      return "<span class=\"masked\" title=\"masked: a fingerprint, not the value\">" + escape(v) + "</span>";
    }
    int chars = v.codePointCount(0, v.length());
    if (chars <= MAX_VALUE_CHARS) {
      return "<span class=\"v\">" + escape(v) + "</span>";
    }
    String shown = v.substring(0, v.offsetByCodePoints(0, MAX_VALUE_CHARS));
    return "<span class=\"v\">" + escape(shown) + "</span><span class=\"cut\">… (" + chars + " characters)</span>";
  }
}
