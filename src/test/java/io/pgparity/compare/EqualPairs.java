package io.pgparity.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs of values per type that SQL equality, a type's hash or a loose reading would confuse: equal
 * but not identical (1.0 and 1.00, -0 and 0, '1 day' and '24 hours', 'Alice' and 'alice'), next to
 * each other (+1 microsecond), or NULL against '' and the text 'NULL'. Also pairs of literals that
 * store the very same value, which must not be reported at all. The expected outcome follows from
 * the texts: a pair with different texts is a CHANGED column, one with equal texts is no
 * divergence.
 */
final class EqualPairs {

  private EqualPairs() {}

  /** Every pair for the type, as {primary value, replica value}. */
  static List<Cell[]> of(WideType type, String schema) {
    String t = type.cast(schema);
    List<Cell[]> pairs = new ArrayList<>();
    switch (type) {
      case BIGINT, INTEGER, SMALLINT -> {
        pairs.add(pair(Cell.literal("0", t), Cell.NULL));
        pairs.add(pair(Cell.literal("7", t), Cell.literal("8", t)));
      }
      case NUMERIC -> {
        pairs.add(pair(Cell.literal("1.0", t), Cell.literal("1.00", t)));
        pairs.add(pair(Cell.literal("0", t), Cell.literal("0.000", t)));
        pairs.add(pair(Cell.literal("NaN", t), Cell.NULL));
        pairs.add(pair(Cell.literal("Infinity", t), Cell.literal("-Infinity", t)));
        pairs.add(pair(Cell.literal("NaN", t), Cell.literal("Infinity", t)));
        pairs.add(pair(Cell.literal("1.50", t), Cell.literal("+001.50", t, "1.50")));
      }
      case REAL, DOUBLE -> {
        pairs.add(pair(Cell.literal("0", t), Cell.literal("-0", t)));
        pairs.add(pair(Cell.literal("-0", t), Cell.literal("0", t)));
        pairs.add(pair(Cell.literal("Infinity", t), Cell.literal("-Infinity", t)));
        pairs.add(pair(Cell.literal("NaN", t), Cell.NULL));
        pairs.add(pair(Cell.literal("0.5", t), Cell.literal("5e-1", t, "0.5")));
      }
      case TEXT, VARCHAR, CITEXT, CI_TEXT -> {
        pairs.add(pair(Cell.literal("", t), Cell.NULL));
        pairs.add(pair(Cell.NULL, Cell.literal("NULL", t)));
        pairs.add(pair(Cell.literal("NULL", t), Cell.literal("null", t)));
        pairs.add(pair(Cell.literal("a", t), Cell.literal("a ", t)));
        pairs.add(pair(Cell.literal("Alice", t), Cell.literal("alice", t)));
        pairs.add(pair(Cell.literal("ÉCOLE", t), Cell.literal("école", t)));
      }
      case CHAR -> {
        pairs.add(pair(Cell.literal("ab", t), Cell.literal("ab   ", t, "ab")));
        pairs.add(pair(Cell.literal("", t), Cell.literal("     ", t, "")));
        pairs.add(pair(Cell.literal("", t), Cell.NULL));
        pairs.add(pair(Cell.literal("ab", t), Cell.literal(" ab", t)));
      }
      case BYTEA -> {
        pairs.add(pair(Cell.literal("\\x", t), Cell.NULL));
        pairs.add(pair(Cell.literal("\\x", t), Cell.literal("", t, "\\x")));
        pairs.add(pair(Cell.literal("\\x00", t), Cell.literal("\\x0000", t)));
      }
      case BOOLEAN -> {
        pairs.add(pair(Cell.literal("false", t), Cell.NULL));
        pairs.add(pair(Cell.literal("true", t), Cell.literal("yes", t, "true")));
      }
      case DATE -> {
        pairs.add(pair(Cell.literal("2021-03-04", t), Cell.literal("2021-03-05", t)));
        pairs.add(pair(Cell.literal("2021-03-04", t), Cell.literal("20210304", t, "2021-03-04")));
        pairs.add(pair(Cell.literal("infinity", t), Cell.NULL));
      }
      case TIMESTAMP -> {
        pairs.add(
            pair(
                Cell.literal("2021-06-01 12:00:00", t),
                Cell.literal("2021-06-01 12:00:00.000001", t)));
        pairs.add(
            pair(
                Cell.literal("2021-06-01 12:00:00", t),
                Cell.literal("2021-06-01T12:00:00", t, "2021-06-01 12:00:00")));
      }
      case TIMESTAMPTZ -> {
        pairs.add(
            pair(
                Cell.literal("2021-06-01 12:00:00+00", t),
                Cell.literal("2021-06-01 12:00:00.000001+00", t)));
        pairs.add(
            pair(
                Cell.literal("2021-06-01 12:00:00+00", t),
                Cell.literal("2021-06-01 17:30:00+05:30", t, "2021-06-01 12:00:00+00")));
      }
      case INTERVAL -> {
        pairs.add(pair(Cell.literal("1 day", t), Cell.literal("24:00:00", t)));
        pairs.add(pair(Cell.literal("1 mon", t), Cell.literal("30 days", t)));
        pairs.add(
            pair(
                Cell.literal("1 day 02:00:00", t),
                Cell.literal("1 day 2 hours", t, "1 day 02:00:00")));
      }
      case UUID ->
          pairs.add(
              pair(
                  Cell.literal("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", t),
                  Cell.literal(
                      "{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}",
                      t,
                      "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")));
      case INET -> {
        pairs.add(pair(Cell.literal("10.0.0.1", t, "10.0.0.1/32"), Cell.literal("10.0.0.1/32", t)));
        pairs.add(pair(Cell.literal("10.0.0.1/24", t), Cell.literal("10.0.0.1", t, "10.0.0.1/32")));
        pairs.add(
            pair(
                Cell.literal("::1", t, "::1/128"),
                Cell.literal("0:0:0:0:0:0:0:1/128", t, "::1/128")));
      }
      case JSONB -> {
        pairs.add(
            pair(
                Cell.literal("{\"a\":1.0}", t, "{\"a\": 1.0}"),
                Cell.literal("{\"a\":1.00}", t, "{\"a\": 1.00}")));
        pairs.add(
            pair(
                Cell.literal("{\"b\": 2, \"a\": 1}", t, "{\"a\": 1, \"b\": 2}"),
                Cell.literal("{\"a\":1,\"b\":2}", t, "{\"a\": 1, \"b\": 2}")));
        pairs.add(pair(Cell.literal("null", t), Cell.NULL));
      }
      case JSON -> {
        pairs.add(pair(Cell.literal("{\"a\":1}", t), Cell.literal("{\"a\": 1}", t)));
        pairs.add(pair(Cell.literal("null", t), Cell.NULL));
      }
      case INT_ARRAY -> {
        pairs.add(pair(Cell.literal("{1,2}", t), Cell.literal("{1,NULL}", t)));
        pairs.add(pair(Cell.literal("{}", t), Cell.NULL));
        pairs.add(pair(Cell.literal("{1,2}", t), new Cell("ARRAY[1, 2]", "{1,2}")));
      }
      case TEXT_ARRAY -> {
        pairs.add(
            pair(
                RandomCells.textArray(List.of("a", "b")),
                RandomCells.textArray(List.of("a", "c"))));
        pairs.add(
            pair(
                RandomCells.textArray(Arrays.asList((String) null)),
                RandomCells.textArray(List.of("NULL"))));
        pairs.add(pair(RandomCells.textArray(List.of("")), RandomCells.textArray(List.of())));
        pairs.add(pair(Cell.literal("{a,b}", t), RandomCells.textArray(List.of("a", "b"))));
      }
      case INTERVAL_ARRAY -> {
        pairs.add(
            pair(
                new Cell("ARRAY['1 day'::interval]", "{\"1 day\"}"),
                new Cell("ARRAY['24:00:00'::interval]", "{24:00:00}")));
        pairs.add(
            pair(new Cell("'{}'::interval[]", "{}"), new Cell("ARRAY[NULL::interval]", "{NULL}")));
      }
      case TIMESTAMPTZ_ARRAY -> {
        String text = "{\"2021-06-01 12:00:00+00\"}";
        pairs.add(
            pair(
                Cell.literal("{2021-06-01 12:00:00+00}", t, text),
                Cell.literal("{\"2021-06-01 21:00:00+09\"}", t, text)));
        pairs.add(
            pair(
                Cell.literal("{2021-06-01 12:00:00+00}", t, text),
                Cell.literal("{2021-06-01 12:00:01+00}", t, "{\"2021-06-01 12:00:01+00\"}")));
      }
      case MOOD -> pairs.add(pair(Cell.literal("NULL", t), Cell.NULL));
    }
    return pairs;
  }

  /** The pairs of every type, by type. */
  static Map<WideType, List<Cell[]>> all(List<WideType> types, String schema) {
    Map<WideType, List<Cell[]>> all = new LinkedHashMap<>();
    types.forEach(type -> all.put(type, of(type, schema)));
    return all;
  }

  private static Cell[] pair(Cell primary, Cell replica) {
    return new Cell[] {primary, replica};
  }
}
