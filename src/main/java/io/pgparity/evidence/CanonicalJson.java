package io.pgparity.evidence;

import static com.google.common.base.Preconditions.checkArgument;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The canonical bytes a manifest signature covers, chosen so that an auditor can recompute them
 * with {@code jq -jcS 'del(.signature)' manifest.json}: UTF-8 JSON without whitespace between
 * tokens and without a trailing newline, object members sorted by name (code point order), arrays
 * in their order, integers in plain decimal, strings with {@code "} and {@code \} escaped,
 * backspace, form feed, newline, return and tab as {@code \b \f \n \r \t}, other control characters
 * and DEL as six-character escapes with lower-case hex (backslash, u, 001f), and everything else
 * (non-ASCII too) as is. Manifest strings never hold control characters ({@link #checkPrintable}),
 * so for a manifest pgparity wrote, any JSON tool that sorts keys and drops whitespace gives the
 * same bytes.
 */
// Hand-written rather than a Jackson writer: Jackson sorts object members by String order (UTF-16
// units, not code points as jq does), writes escapes with upper-case hex (\u001F, jq: \u001f) and
// leaves DEL unescaped, so its bytes would differ from jq's for such input, and the auditor's jq
// command in src/site/markdown/run-folder.md would no longer recompute the signature.
public final class CanonicalJson {

  /** The characters jq writes as backslash and a letter, in the order of the letters "bfnrt". */
  private static final String SHORT_ESCAPES = "\b\f\n\r\t";

  private CanonicalJson() {}

  /** The canonical bytes of {@code node}. */
  public static byte[] bytes(JsonNode node) {
    StringBuilder text = new StringBuilder();
    write(node, text);
    return text.toString().getBytes(UTF_8);
  }

  /**
   * Returns {@code value} when it holds no control character; manifest strings are kept printable
   * so that every JSON tool escapes them alike.
   */
  static String checkPrintable(String value, String what) {
    checkArgument(value != null, "%s is missing", what);
    checkArgument(
        value.chars().noneMatch(c -> c < 0x20 || c == 0x7f),
        "%s '%s' holds a control character; manifest strings must be printable",
        what,
        value.replaceAll("\\p{Cntrl}", "?"));
    return value;
  }

  private static void write(JsonNode node, StringBuilder text) {
    if (node == null || node.isNull()) {
      text.append("null");
    } else if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
      // code point order, as jq sorts; String.compareTo would order UTF-16 units instead
      members.sort((a, b) -> compareCodePoints(a.getKey(), b.getKey()));
      text.append('{');
      for (int i = 0; i < members.size(); i++) {
        if (i > 0) {
          text.append(',');
        }
        string(members.get(i).getKey(), text);
        text.append(':');
        write(members.get(i).getValue(), text);
      }
      text.append('}');
    } else if (node.isArray()) {
      text.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          text.append(',');
        }
        write(node.get(i), text);
      }
      text.append(']');
    } else if (node.isString()) {
      string(node.stringValue(), text);
    } else if (node.isIntegralNumber()) {
      text.append(node.bigIntegerValue());
    } else if (node.isNumber() || node.isBoolean()) {
      // a manifest has neither fractions nor booleans; a foreign one only has to fail the signature
      text.append(node);
    } else {
      throw new IllegalArgumentException(
          "cannot write a " + node.getNodeType() + " in canonical JSON");
    }
  }

  private static void string(String value, StringBuilder text) {
    text.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        text.append('\\').append(c);
      } else if (SHORT_ESCAPES.indexOf(c) >= 0) {
        text.append('\\').append("bfnrt".charAt(SHORT_ESCAPES.indexOf(c)));
      } else if (c < 0x20 || c == 0x7f) {
        text.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        text.append(c);
      }
    }
    text.append('"');
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
