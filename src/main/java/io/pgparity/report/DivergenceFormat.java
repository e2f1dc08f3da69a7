package io.pgparity.report;

import io.pgparity.compare.Divergence;
import io.pgparity.compare.RecheckedRow;
import io.pgparity.compare.DivergenceKind;
import java.util.Map;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** How one divergence looks as a divergences.jsonl line and as a divergences.csv record. */
public final class DivergenceFormat {

  /** RFC 4180 ends records with CRLF. */
  static final String CRLF = "\r\n";

  private static final JsonMapper MAPPER =
      JsonMapper.builder(JsonFactory.builder().characterEscapes(new LineSeparatorEscapes()).build())
          .build();

  private DivergenceFormat() {}

  /** One compact JSON object, without the line end. */
  public static String jsonLine(Divergence d) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("table", d.table().toString());
    node.set("key", row(d.key()));
    node.put("kind", d.kind().name());
    ArrayNode columns = node.putArray("columns");
    if (d.kind() == DivergenceKind.CHANGED) {
      d.columns().forEach(columns::add);
    }
    node.set("primary", d.primary() == null ? null : row(d.primary()));
    node.set("replica", d.replica() == null ? null : row(d.replica()));
    return MAPPER.writeValueAsString(node);
  }

  /** One rechecked (converged or unstable) row as a compact JSON object, without the line end. */
  static String recheckLine(RecheckedRow r) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("table", r.table().toString());
    node.set("key", row(r.key()));
    node.put("outcome", r.outcome().name());
    node.put("reads", r.reads());
    return MAPPER.writeValueAsString(node);
  }

  /** One CSV record, with its CRLF. */
  static String csvRow(Divergence d) {
    String columns = d.kind() == DivergenceKind.CHANGED ? String.join(";", d.columns()) : "";
    return csvField(d.table().toString())
        + ','
        + csvField(MAPPER.writeValueAsString(row(d.key())))
        + ','
        + csvField(d.kind().name())
        + ','
        + csvField(columns)
        + CRLF;
  }

  /** Quotes a field only when it holds a comma, a quote or a line break. */
  static String csvField(String value) {
    boolean quote =
        value.indexOf(',') >= 0
            || value.indexOf('"') >= 0
            || value.indexOf('\n') >= 0
            || value.indexOf('\r') >= 0;
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }

  private static ObjectNode row(Map<String, String> values) {
    ObjectNode node = MAPPER.createObjectNode();
    values.forEach(node::put);
    return node;
  }

  /**
   * Escapes U+2028 and U+2029: valid in JSON, but some line readers (JavaScript, Python's
   * splitlines) treat them as line ends and would split one divergence into two.
   */
  private static final class LineSeparatorEscapes extends CharacterEscapes {

    private static final SerializableString LINE = new SerializedString("\\u2028");
    private static final SerializableString PARAGRAPH = new SerializedString("\\u2029");
    private final int[] ascii = standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return switch (ch) {
        case '\u2028' -> LINE;
        case '\u2029' -> PARAGRAPH;
        default -> null;
      };
    }
  }
}
