package io.pgparity.config.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of a password file in libpq's format {@code host:port:database:username:password}: a
 * field of just {@code *} matches anything, {@code \:} and {@code \\} escape, {@code #} comments.
 */
final class PgpassLine {

  private static final int MATCHED_FIELDS = 4;

  private PgpassLine() {}

  /**
   * The password when the line's first four fields match {@code wanted} (host, port, database,
   * user); empty for comments, short lines, mismatches and empty passwords.
   */
  static Optional<String> match(String line, List<String> wanted) {
    String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    if (text.isEmpty() || text.startsWith("#")) {
      return Optional.empty();
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean wildcard = true;
    int i = 0;
    for (; i < text.length() && fields.size() < MATCHED_FIELDS; i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        field.append(text.charAt(++i));
        wildcard = false;
      } else if (c == ':') {
        boolean matches = wildcard && field.toString().equals("*");
        if (!matches && !field.toString().equals(wanted.get(fields.size()))) {
          return Optional.empty();
        }
        fields.add(field.toString());
        field.setLength(0);
        wildcard = true;
      } else {
        field.append(c);
      }
    }
    if (fields.size() < MATCHED_FIELDS) {
      return Optional.empty();
    }
    // the rest of the line is the password; libpq de-escapes it too
    StringBuilder password = new StringBuilder();
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        c = text.charAt(++i);
      }
      password.append(c);
    }
    return password.isEmpty() ? Optional.empty() : Optional.of(password.toString());
  }
}
