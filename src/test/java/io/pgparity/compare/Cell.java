package io.pgparity.compare;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One stored value as the tests write it and read it back: a SQL expression that produces it, and
 * its text as pgparity reports it, {@code value::text} under the pinned session settings (null for
 * SQL NULL). The cast differs from the type's output function for a few types: boolean prints
 * true/false, inet keeps a /32 mask, char(n) loses its padding.
 */
record Cell(String sql, String text) {

  static final Cell NULL = new Cell("NULL", null);

  Cell {
    checkNotNull(sql, "sql");
  }

  /** A typed literal, e.g. {@code 'it''s'::text}. */
  static Cell literal(String input, String type, String text) {
    return new Cell(quote(input) + "::" + type, text);
  }

  /** A literal whose text output is its input. */
  static Cell literal(String input, String type) {
    return literal(input, type, input);
  }

  /** A standard-conforming string literal; backslashes are ordinary characters in it. */
  static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  @Override
  public String toString() {
    return text == null ? "NULL" : text;
  }
}
