package io.pgparity.hashing;

import io.pgparity.catalog.ColumnInfo;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How one column enters the row hash: SQL expressions that are injective on what is stored and what
 * an application reads back (not on SQL equality), and that no session setting beyond the pinned
 * ones can change. Each type family's encoding, and why it loses nothing, is one {@link TypeRule};
 * every built-in type has an explicit rule (a test enumerates pg_type to keep it so).
 */
public final class ColumnEncoding {

  private ColumnEncoding() {}

  /** One or more SQL expressions that together identify the column's stored value. */
  /**
   * The column's value as text, for reports and repair: {@code col::text}, except for an unbounded
   * {@code bpchar}, whose cast to text strips the trailing blanks it stores ('a' and 'a ' would
   * print alike), so it goes through its output function. A {@code character(n)} always holds n
   * characters, so its trimmed text loses nothing (and stays the form reports always had). {@code
   * type} is format_type's name of the column's type.
   */
  public static String valueText(String quotedColumn, String type) {
    return type.equals("bpchar")
        ? "textin(bpcharout(" + quotedColumn + "))"
        : quotedColumn + "::text";
  }

  public static List<String> expressions(ColumnInfo column) {
    return expressions(column, EnumSet.noneOf(EncodingPart.class));
  }

  /** The rule for the column's (base) type. */
  static TypeRule rule(ColumnInfo column) {
    return TypeRule.of(
        column.baseType(), column.baseTypeSchema(), column.category(), column.kind());
  }

  /**
   * As {@link #expressions(ColumnInfo)}, with the given parts replaced by their naive forms
   * (tests).
   */
  static List<String> expressions(ColumnInfo column, Set<EncodingPart> dropped) {
    return rule(column).encode(column.sql(), column.baseType(), dropped);
  }
}
