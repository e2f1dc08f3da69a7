package io.pgparity.report;

/**
 * Turns arbitrary text into Markdown that renders as itself and never breaks a table row: row
 * values come from the database and may contain anything.
 */
final class MarkdownText {

  /** Longer values are cut in report.md; divergences.jsonl keeps them whole. */
  static final int MAX_VALUE_CHARS = 80;

  private MarkdownText() {}

  /** Prose or a name: Markdown syntax is backslash-escaped and line breaks become spaces. */
  static String text(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\r', '\n' -> out.append(' ');
        case '\\', '`', '*', '~', '[', ']', '<', '>', '|' -> out.append('\\').append(c);
        // intraword underscores never emphasize, so public.order_items stays readable
        case '_' -> out.append(wordChar(s, i - 1) && wordChar(s, i + 1) ? "_" : "\\_");
        // only an entity-like & would render as another character
        case '&' -> out.append(entityAt(s, i + 1) ? "\\&" : "&");
        // at the start these would make a heading or a nested list
        case '#', '-', '+' -> out.append(i == 0 ? "\\" + c : String.valueOf(c));
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A row value as a code span, so it renders literally: {@code *null*} for SQL NULL, {@code
   * *empty*} for an empty string, line breaks shown as {@code \n}, cut after {@value
   * #MAX_VALUE_CHARS} characters with a trailing "…" outside the span.
   */
  static String value(String v) {
    if (v == null) {
      return "*null*";
    }
    if (v.isEmpty()) {
      return "*empty*";
    }
    boolean cut = v.codePointCount(0, v.length()) > MAX_VALUE_CHARS;
    String shown = cut ? v.substring(0, v.offsetByCodePoints(0, MAX_VALUE_CHARS)) : v;
    shown = shown.replace("\r", "\\r").replace("\n", "\\n").replace("|", "\\|");
    return codeSpan(shown) + (cut ? "…" : "");
  }

  // CommonMark code spans: a fence longer than any backtick run inside; a space of padding is
  // stripped again, which protects edge backticks and edge spaces
  private static String codeSpan(String s) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    boolean pad =
        s.startsWith("`")
            || s.endsWith("`")
            || (s.startsWith(" ") && s.endsWith(" ") && s.chars().anyMatch(c -> c != ' '));
    String padding = pad ? " " : "";
    return fence + padding + s + padding + fence;
  }

  /** Appends one table row; cells must already be escaped. */
  static void row(StringBuilder md, String... cells) {
    md.append('|');
    for (String cell : cells) {
      md.append(' ').append(cell).append(" |");
    }
    md.append('\n');
  }

  private static boolean wordChar(String s, int i) {
    return i >= 0 && i < s.length() && Character.isLetterOrDigit(s.charAt(i));
  }

  // &amp; or &#38;: letters, digits or # up to a semicolon
  private static boolean entityAt(String s, int start) {
    int i = start;
    while (i < s.length() && (s.charAt(i) == '#' || Character.isLetterOrDigit(s.charAt(i)))) {
      i++;
    }
    return i > start && i < s.length() && s.charAt(i) == ';';
  }
}
