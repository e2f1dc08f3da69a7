package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The one place where values become SQL text in repair.sql: standard-conforming string literals
 * cast to the column's type. The text is PostgreSQL's own output under pinned settings, so the
 * type's input function reads it back to the identical value.
 */
public final class SqlLiteral {

  private SqlLiteral() {}

  /** {@code '<text>'::<type>}, or {@code NULL::<type>} for SQL NULL (Java null). */
  public static String typed(String text, String type) {
    checkArgument(type != null && !type.isBlank(), "a literal needs the column's type");
    return (text == null ? "NULL" : quoted(text)) + "::" + type;
  }

  /**
   * A string literal. Plain {@code '...'} with quotes doubled (backslashes are ordinary characters
   * under standard_conforming_strings, which repair.sql sets); {@code E'...'} only when the text
   * holds a line break or another control character, so that every statement stays on one line of
   * the file.
   */
  public static String quoted(String text) {
    checkArgument(text != null, "text must not be null; render SQL NULL with typed()");
    checkArgument(text.indexOf('\0') < 0, "PostgreSQL text cannot contain NUL");
    if (!needsEscapes(text)) {
      return "'" + text.replace("'", "''") + "'";
    }
    StringBuilder literal = new StringBuilder(text.length() + 8).append("E'");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\'' -> literal.append("''");
        case '\\' -> literal.append("\\\\");
        case '\n' -> literal.append("\\n");
        case '\r' -> literal.append("\\r");
        case '\t' -> literal.append('\t');
        default -> {
          if (c < 0x20 || c == 0x7f) {
            literal.append(String.format("\\x%02X", (int) c));
          } else {
            literal.append(c);
          }
        }
      }
    }
    return literal.append('\'').toString();
  }

  /** Control characters other than tab would break a statement over lines or hide in a terminal. */
  private static boolean needsEscapes(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
