package io.pgparity.table;

import static com.google.common.base.Preconditions.checkArgument;

/** The one place where schema, table and column names become SQL: always double-quoted. */
public final class SqlIdentifier {

  private SqlIdentifier() {}

  /** Quotes one identifier, doubling embedded double quotes; rejects NUL and empty names. */
  public static String quote(String identifier) {
    checkArgument(identifier != null && !identifier.isEmpty(), "identifier must not be empty");
    checkArgument(identifier.indexOf('\0') < 0, "identifier must not contain NUL");
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** Quotes a table as {@code "schema"."table"}. */
  public static String quote(TableRef table) {
    return quote(table.schema()) + "." + quote(table.name());
  }
}
