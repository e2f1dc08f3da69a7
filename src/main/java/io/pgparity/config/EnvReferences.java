package io.pgparity.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in job file values, with shell semantics: the
 * default applies when the variable is unset or empty. Secrets stay out of the file this way.
 */
final class EnvReferences {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvReferences() {}

  /**
   * Returns {@code text} with every reference replaced. {@code key} names the job file key in
   * messages. Throws IllegalArgumentException (never echoing the value, which may be a secret) for
   * an unset variable without default or a malformed reference.
   */
  static String expand(String text, Map<String, String> env, String key) {
    if (text.indexOf("${") < 0) {
      return text;
    }
    StringBuilder result = new StringBuilder(text.length());
    int from = 0;
    int start;
    while ((start = text.indexOf("${", from)) >= 0) {
      result.append(text, from, start);
      int end = text.indexOf('}', start + 2);
      if (end < 0) {
        throw new IllegalArgumentException(
            "unclosed '${' in the value of " + key + "; write ${NAME} or ${NAME:-default}");
      }
      String reference = text.substring(start + 2, end);
      int colon = reference.indexOf(":-");
      String name = colon < 0 ? reference : reference.substring(0, colon);
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "'${"
                + reference
                + "}' in the value of "
                + key
                + " is not a valid variable reference; write ${NAME} or ${NAME:-default}");
      }
      String value = env.get(name);
      if (colon >= 0) {
        result.append(value == null || value.isEmpty() ? reference.substring(colon + 2) : value);
      } else if (value != null) {
        result.append(value);
      } else {
        throw new IllegalArgumentException(
            "environment variable "
                + name
                + " is not set; set "
                + name
                + " or remove the "
                + key
                + " key (or write ${"
                + name
                + ":-default})");
      }
      from = end + 1;
    }
    return result.append(text, from, text.length()).toString();
  }
}
