package io.pgparity.compare;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Random values of every {@link WideType}, each with the text PostgreSQL prints for it. The mix
 * leans on the awkward cases: NULL, '' and the text 'NULL', quotes, backslashes, newlines,
 * characters outside the BMP, NaN and infinities, negative zero, the extremes of each range.
 */
final class RandomCells {

  private static final String[] PIECES = {
    "a", "b", "Z", "x", "0", "7", " ", "'", "\"", "\\", "\n", "\t", "é", "ß", "日本", "🙂", "{", "}",
    ",", "NULL", "null", "\\N", "%", "_", "Alice"
  };
  private static final String[] REAL_SPECIALS = {
    "NaN", "Infinity", "-Infinity", "-0", "0", "1e+30", "3.4028235e+38", "1e-45"
  };
  private static final String[] DOUBLE_SPECIALS = {
    "NaN", "Infinity", "-Infinity", "-0", "0", "0.1", "1e+300", "5e-324", "1.7976931348623157e+308"
  };
  private static final String[] OFFSETS = {"+00", "+05:30", "-08", "+14", "-03:30"};
  private static final String[] IPV6 = {
    "::1", "2001:db8::1", "2001:db8::/32", "fe80::1:2:3:4", "::"
  };
  private static final long MIN_SECOND = LocalDate.of(1950, 1, 1).toEpochDay() * 86_400;
  private static final long MAX_SECOND = LocalDate.of(2050, 12, 31).toEpochDay() * 86_400;

  private final Random random;
  private final String schema;
  private final JsonCells json;

  RandomCells(Random random, String schema) {
    this.random = random;
    this.schema = schema;
    this.json = new JsonCells(random, this);
  }

  /** A value of the type, NULL one time in ten. */
  Cell next(WideType type) {
    return random.nextInt(10) == 0 ? Cell.NULL : value(type);
  }

  /** A non-null value of the type. */
  Cell value(WideType type) {
    String cast = type.cast(schema);
    return switch (type) {
      case BIGINT ->
          integer(
              cast,
              pick(Long.MIN_VALUE, Long.MAX_VALUE, 0, random.nextLong(), random.nextInt(1000)));
      case INTEGER ->
          integer(
              cast,
              pick(
                  Integer.MIN_VALUE, Integer.MAX_VALUE, 0, random.nextInt(), random.nextInt(1000)));
      case SMALLINT ->
          integer(
              cast, pick(Short.MIN_VALUE, Short.MAX_VALUE, 0, random.nextInt(65_536) - 32_768, -1));
      case NUMERIC -> numeric();
      case REAL -> floating(cast, REAL_SPECIALS, 80_000);
      case DOUBLE -> floating(cast, DOUBLE_SPECIALS, 8_000_000_000L);
      case TEXT, CITEXT, CI_TEXT -> Cell.literal(text(12), cast);
      case VARCHAR -> Cell.literal(text(20), cast);
      case CHAR -> {
        String input = text(5);
        // char(n)::text drops trailing spaces, and only spaces
        yield Cell.literal(input, cast, input.replaceAll(" +\\z", ""));
      }
      case BYTEA -> {
        byte[] bytes = new byte[random.nextInt(9)];
        random.nextBytes(bytes);
        yield Cell.literal(PgText.bytea(bytes), cast);
      }
      case BOOLEAN -> {
        String value = Boolean.toString(random.nextBoolean());
        yield new Cell(value, value);
      }
      case DATE ->
          random.nextInt(30) == 0
              ? Cell.literal(random.nextBoolean() ? "infinity" : "-infinity", cast)
              : Cell.literal(LocalDate.ofEpochDay(second() / 86_400).toString(), cast);
      case TIMESTAMP -> Cell.literal(PgText.timestamp(dateTime(second(), micros())), cast);
      case TIMESTAMPTZ -> timestamptz(Instant.ofEpochSecond(second(), micros() * 1_000L));
      case INTERVAL -> {
        int months = random.nextInt(3) == 0 ? 0 : random.nextInt(30);
        int days = random.nextInt(3) == 0 ? 0 : random.nextInt(40);
        long micros = random.nextInt(3) == 0 ? 0 : random.nextLong(2 * 86_400_000_000L);
        yield Cell.literal(PgText.interval(months, days, micros), cast);
      }
      case UUID -> Cell.literal(new UUID(random.nextLong(), random.nextLong()).toString(), cast);
      case INET -> inet();
      case JSONB -> json.jsonb(json.document());
      case JSON -> json.json(json.document());
      case INT_ARRAY -> {
        List<String> elements = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          elements.add(
              random.nextInt(7) == 0 ? "NULL" : Integer.toString(random.nextInt(2001) - 1000));
        }
        yield Cell.literal("{" + String.join(",", elements) + "}", cast);
      }
      case TEXT_ARRAY -> textArray(random.nextInt(5));
      case INTERVAL_ARRAY -> arrayOf(WideType.INTERVAL, cast);
      case TIMESTAMPTZ_ARRAY -> arrayOf(WideType.TIMESTAMPTZ, cast);
      case MOOD ->
          Cell.literal(WideType.MOOD_LABELS[random.nextInt(WideType.MOOD_LABELS.length)], cast);
    };
  }

  /** Random text of at most {@code maxCodePoints} characters; '' and 'NULL' come up often. */
  String text(int maxCodePoints) {
    int choice = random.nextInt(12);
    if (choice == 0) {
      return "";
    }
    if (choice == 1) {
      return "NULL";
    }
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(maxCodePoints);
    while (true) {
      String piece = PIECES[random.nextInt(PIECES.length)];
      if (text.codePointCount(0, text.length()) + piece.codePointCount(0, piece.length())
          > length) {
        return text.length() == 0 ? "x" : text.toString();
      }
      text.append(piece);
    }
  }

  /** A text[] value built with ARRAY[...] so each element is an ordinary literal. */
  Cell textArray(int size) {
    List<String> elements = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      elements.add(random.nextInt(6) == 0 ? null : text(6));
    }
    return textArray(elements);
  }

  static Cell textArray(List<String> elements) {
    String sql =
        elements.isEmpty()
            ? "'{}'::text[]"
            : elements.stream()
                .map(e -> e == null ? "NULL" : Cell.quote(e))
                .collect(Collectors.joining(", ", "ARRAY[", "]::text[]"));
    return new Cell(sql, PgText.textArray(elements));
  }

  private Cell arrayOf(WideType element, String cast) {
    List<String> sql = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      Cell cell = random.nextInt(6) == 0 ? Cell.NULL : value(element);
      sql.add(cell.sql());
      texts.add(cell.text());
    }
    return new Cell(
        sql.isEmpty() ? "'{}'::" + cast : "ARRAY[" + String.join(", ", sql) + "]::" + cast,
        PgText.textArray(texts));
  }

  /** A timestamptz written at a random UTC offset; it prints in UTC. */
  Cell timestamptz(Instant instant) {
    String offset = OFFSETS[random.nextInt(OFFSETS.length)];
    ZoneOffset zone = ZoneOffset.of(offset.length() == 3 ? offset + ":00" : offset);
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
    LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    return Cell.literal(
        PgText.timestamp(local) + offset, "timestamptz", PgText.timestamp(utc) + "+00");
  }

  long second() {
    return MIN_SECOND + (long) (random.nextDouble() * (MAX_SECOND - MIN_SECOND));
  }

  int micros() {
    return switch (random.nextInt(3)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1000) * 1000;
      default -> random.nextInt(1_000_000);
    };
  }

  static LocalDateTime dateTime(long second, int micros) {
    return LocalDateTime.ofEpochSecond(second, micros * 1_000, ZoneOffset.UTC);
  }

  private Cell numeric() {
    int special = random.nextInt(24);
    if (special < 3) {
      return Cell.literal(new String[] {"NaN", "Infinity", "-Infinity"}[special], "numeric");
    }
    BigDecimal value =
        new BigDecimal(
            BigInteger.valueOf(random.nextLong() % 1_000_000_000_000L), random.nextInt(7));
    return Cell.literal(value.toPlainString(), "numeric");
  }

  private Cell floating(String cast, String[] specials, long range) {
    if (random.nextInt(5) == 0) {
      return Cell.literal(specials[random.nextInt(specials.length)], cast);
    }
    // multiples of 1/8 are exact in binary, and their shortest decimal form is the exact one
    BigDecimal value =
        BigDecimal.valueOf(random.nextLong(2 * range + 1) - range).divide(BigDecimal.valueOf(8));
    return Cell.literal(
        value.compareTo(BigDecimal.ZERO) == 0 ? "0" : value.stripTrailingZeros().toPlainString(),
        cast);
  }

  // inet::text always shows the mask, unlike inet's output function
  private Cell inet() {
    if (random.nextInt(6) == 0) {
      String address = IPV6[random.nextInt(IPV6.length)];
      return Cell.literal(address, "inet", address.contains("/") ? address : address + "/128");
    }
    String address =
        random.nextInt(256)
            + "."
            + random.nextInt(256)
            + "."
            + random.nextInt(256)
            + "."
            + random.nextInt(256);
    int mask = random.nextBoolean() ? 32 : 8 + random.nextInt(24);
    return mask == 32 && random.nextBoolean()
        ? Cell.literal(address, "inet", address + "/32")
        : Cell.literal(address + "/" + mask, "inet");
  }

  private Cell integer(String cast, long value) {
    return new Cell(
        value < 0 ? "(" + value + ")::" + cast : value + "::" + cast, Long.toString(value));
  }

  private long pick(long min, long max, long zero, long any, long small) {
    return switch (random.nextInt(12)) {
      case 0 -> min;
      case 1 -> max;
      case 2 -> zero;
      case 3, 4, 5 -> small;
      default -> any;
    };
  }
}
