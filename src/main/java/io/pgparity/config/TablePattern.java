package io.pgparity.config;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A schema-qualified table name pattern read as psql's {@code \dt} and pg_dump's {@code -t} read
 * one: an unquoted part folds to lower case and takes {@code *} (any characters) and {@code ?} (one
 * character); a double-quoted part is literal ({@code ""} is one quote), so {@code "A.b*"} names
 * one schema. Unlike psql, every other character is literal (no regular expressions), and the
 * schema is required, so a pattern never depends on a search_path. {@code text} is the pattern as
 * given; it is what reports and messages show.
 */
public record TablePattern(String text, Pattern schema, Pattern name) {

  /** What a pattern looks like, for messages. */
  public static final String FORM = "schema.table where * and ? are wildcards, e.g. app.*";

  public TablePattern {
    checkNotNull(text, "text");
    checkNotNull(schema, "schema");
    checkNotNull(name, "name");
  }

  /** True when {@code text} has a {@code *} or {@code ?} outside double quotes. */
  public static boolean hasWildcard(String text) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '*' || c == '?')) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the text and the fix
   */
  public static TablePattern parse(String text) {
    checkArgument(
        text != null && !text.isBlank(), "a table pattern must not be empty; write %s", FORM);
    checkArgument(text.indexOf('\0') < 0, "table pattern must not contain NUL");
    List<StringBuilder> parts = new ArrayList<>();
    parts.add(new StringBuilder());
    List<Boolean> empty = new ArrayList<>(List.of(true));
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      StringBuilder regex = parts.get(parts.size() - 1);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          regex.append(Pattern.quote("\""));
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          regex.append(Pattern.quote(String.valueOf(c)));
        }
        empty.set(empty.size() - 1, false);
      } else if (c == '"') {
        quoted = true;
        empty.set(empty.size() - 1, false);
      } else if (c == '.') {
        parts.add(new StringBuilder());
        empty.add(true);
      } else {
        empty.set(empty.size() - 1, false);
        if (c == '*') {
          regex.append(".*");
        } else if (c == '?') {
          regex.append('.');
        } else {
          regex.append(Pattern.quote(String.valueOf(fold(c))));
        }
      }
    }
    checkArgument(
        !quoted, "table pattern '%s' has an unclosed double quote; close it or double it", text);
    checkArgument(
        parts.size() == 2 && !empty.get(0) && !empty.get(1),
        "table pattern '%s' must be %s (quote names that contain dots; --schema NAME selects a"
            + " whole schema)",
        text,
        FORM);
    return new TablePattern(
        text,
        Pattern.compile(parts.get(0).toString(), Pattern.DOTALL),
        Pattern.compile(parts.get(1).toString(), Pattern.DOTALL));
  }

  /** Every table of the schemas {@code schemaPattern} names: {@code schemaPattern.*}. */
  public static TablePattern schema(String schemaPattern) {
    checkArgument(
        schemaPattern != null && !schemaPattern.isBlank(),
        "a schema name must not be empty, e.g. app");
    TablePattern pattern;
    try {
      pattern = parse(schemaPattern + ".*");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "schema '"
              + schemaPattern
              + "' must be a schema name or pattern without a dot, e.g. app or 'tenant_*'"
              + " (double-quote a name that contains a dot)",
          e);
    }
    return pattern;
  }

  /** Whether the table's stored (case-preserved) schema and name match. */
  public boolean matches(TableRef table) {
    return schema.matcher(table.schema()).matches() && name.matcher(table.name()).matches();
  }

  // PostgreSQL folds unquoted identifiers with downcase_identifier: in a multi-byte encoding such
  // as
  // UTF8 only ASCII A-Z fold, so "Ä" stays "Ä"
  private static char fold(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TablePattern pattern && pattern.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
