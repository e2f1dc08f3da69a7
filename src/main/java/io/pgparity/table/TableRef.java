package io.pgparity.table;

import static com.google.common.base.Preconditions.checkArgument;

/** A schema-qualified table name as PostgreSQL stores it (unquoted, case preserved). */
public record TableRef(String schema, String name) {

  public TableRef {
    checkArgument(schema != null && !schema.isEmpty(), "schema must not be empty");
    checkArgument(name != null && !name.isEmpty(), "table name must not be empty");
  }

  /**
   * Parses {@code schema.table}; a name without a dot is rejected so a check never depends on a
   * session's search_path. Double quotes allow dots and upper case: {@code "My.Schema"."T"}.
   */
  public static TableRef parse(String text) {
    checkArgument(
        text != null && !text.isBlank(), "table must be schema-qualified, e.g. public.users");
    java.util.List<String> parts = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            current.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          current.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == '.') {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        // unquoted identifiers fold to lower case, as in SQL
        current.append(Character.toLowerCase(c));
      }
    }
    checkArgument(!quoted, "table '%s' has an unclosed double quote", text);
    parts.add(current.toString());
    checkArgument(
        parts.size() == 2 && !parts.get(0).isEmpty() && !parts.get(1).isEmpty(),
        "table '%s' must be schema-qualified, e.g. public.users%s",
        text,
        wasQuoted ? "" : " (quote names that contain dots)");
    return new TableRef(parts.get(0), parts.get(1));
  }

  /** The name as written in reports: {@code schema.table}, without quotes. */
  @Override
  public String toString() {
    return schema + "." + name;
  }

  /**
   * The name as run files write it, so that no two tables read alike: each part bare when it is a
   * plain lower-case identifier, else double-quoted with embedded quotes doubled, as SQL reads it.
   * Schema {@code a.b} with table {@code c} is {@code "a.b".c}; schema {@code a} with table {@code
   * b.c} is {@code a."b.c"}, where {@link #toString()} writes {@code a.b.c} for both.
   */
  public String unambiguous() {
    return displayPart(schema) + "." + displayPart(name);
  }

  private static String displayPart(String part) {
    return part.matches("[a-z_][a-z0-9_$]*") ? part : '"' + part.replace("\"", "\"\"") + '"';
  }
}
