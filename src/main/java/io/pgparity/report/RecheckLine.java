package io.pgparity.report;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.compare.RecheckOutcome;
import io.pgparity.compare.RecheckedRow;
import io.pgparity.table.TableRef;
import java.util.List;
import java.util.Map;

/**
 * One line of rechecks.jsonl: a row that looked different and was read again, converged or
 * unstable, and how often it was read. The one schema its writer ({@link DivergenceWriter}) and its
 * reader (pgparity merge) share.
 */
public record RecheckLine(
    String table, Map<String, String> key, RecheckOutcome outcome, int reads) {

  public RecheckLine {
    checkArgument(table != null, "no table field");
    checkArgument(key != null, "no key object");
    checkArgument(outcome != null, "no outcome field");
  }

  /** The line of {@code row}. */
  public static RecheckLine of(RecheckedRow row) {
    return new RecheckLine(row.table().unambiguous(), row.key(), row.outcome(), row.reads());
  }

  /** The line as text: one compact JSON object, without the line end. */
  public String text() {
    return RunFileJson.LINES.writeValueAsString(this);
  }

  /** Parses one line; a JacksonException or IllegalArgumentException says what is wrong with it. */
  public static RecheckLine parse(String line) {
    RecheckLine parsed = RunFileJson.LINES.readValue(line, RecheckLine.class);
    checkArgument(parsed != null, "not a JSON object");
    return parsed;
  }

  /** The row again, its table one of the run's {@code tables} (matched by their text). */
  public RecheckedRow row(List<TableRef> tables) {
    TableRef ref =
        DivergenceLine.table(tables, table)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "table " + table + " is not in the run's summary.json"));
    return new RecheckedRow(ref, key, outcome, reads);
  }
}
