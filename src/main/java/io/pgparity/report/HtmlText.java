package io.pgparity.report;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;

/**
 * The one place report.html escapes text: names, notes and row values come from the database and
 * may contain anything, and must render as themselves, never as markup.
 */
final class HtmlText {

  /** Longer values are cut in report.html; divergences.jsonl keeps them whole. */
  static final int MAX_VALUE_CHARS = 200;

  /** How a value masked upstream begins: it is a fingerprint of the value, not the value. */
  static final String FINGERPRINT = "sha256:";

  private static final Escaper HTML = HtmlEscapers.htmlEscaper();

  private HtmlText() {}

  /**
   * Text safe in element content and in quoted attribute values (double or single quotes): Guava's
   * HTML escaper turns {@code & < > " '} into entities. It leaves control characters alone, which
   * HTML forbids (and which would be invisible), so those other than tab and line feed first become
   * their visible Unicode pictures (␀, ␍, ␡). Unquoted attributes, URLs, scripts and styles would
   * need other escaping; report.html puts run text into none of them.
   */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    return HTML.escape(controlPictures(s));
  }

  private static String controlPictures(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f;
      if (control && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (out != null) {
        out.append(!control ? c : c == 0x7f ? '\u2421' : (char) (0x2400 + c));
      }
    }
    return out == null ? s : out.toString();
  }

  /**
   * A row value as markup: SQL NULL and the empty string are named, a masked value is marked as a
   * fingerprint, a value over {@value #MAX_VALUE_CHARS} characters is cut with its length given.
   */
  static String value(String v) {
    if (v == null) {
      return "<span class=\"null\">null</span>";
    }
    if (v.isEmpty()) {
      return "<span class=\"empty\">empty</span>";
    }
    if (v.startsWith(FINGERPRINT)) {
      return "<span class=\"masked\" title=\"masked: a fingerprint, not the value\">"
          + escape(v)
          + "</span>";
    }
    int chars = v.codePointCount(0, v.length());
    if (chars <= MAX_VALUE_CHARS) {
      return "<span class=\"v\">" + escape(v) + "</span>";
    }
    String shown = v.substring(0, v.offsetByCodePoints(0, MAX_VALUE_CHARS));
    return "<span class=\"v\">"
        + escape(shown)
        + "</span><span class=\"cut\">… ("
        + chars
        + " characters)</span>";
  }
}
