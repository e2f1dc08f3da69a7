package io.pgparity.report;

import io.pgparity.compare.Divergence;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.compare.RecheckedRow;

/**
 * How one divergence looks as a divergences.jsonl line ({@link DivergenceLine}) and as a
 * divergences.csv record.
 */
public final class DivergenceFormat {

  /** RFC 4180 ends records with CRLF. */
  static final String CRLF = "\r\n";

  private DivergenceFormat() {}

  /** One compact JSON object, without the line end. */
  public static String jsonLine(Divergence d) {
    return DivergenceLine.of(d).text();
  }

  /** One rechecked (converged or unstable) row as a compact JSON object, without the line end. */
  static String recheckLine(RecheckedRow r) {
    return RecheckLine.of(r).text();
  }

  /** One CSV record, with its CRLF. */
  static String csvRow(Divergence d) {
    String columns = d.kind() == DivergenceKind.CHANGED ? String.join(";", d.columns()) : "";
    return csvField(d.table().unambiguous())
        + ','
        + csvField(RunFileJson.LINES.writeValueAsString(d.key()))
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
}
