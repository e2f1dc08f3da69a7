package io.pgparity.compare;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Column types with pairs of values that differ in what is stored but are equal, or collide, under
 * the type's own hash or under a cast a hash might use. Each {@link Twin} is two SQL expressions; a
 * replica holding one where the primary holds the other diverges, however alike they look.
 *
 * <p>Why each pair is a trap (read in PostgreSQL's source, src/backend/utils/adt and
 * src/backend/access/hash/hashfunc.c): hash_numeric hashes digits and weight, not the sign (and not
 * the scale); hashint8 folds 64 bits into 32 ({@code lo ^ hi}, or {@code lo ^ ~hi} below zero), so
 * flipping bit 0 and bit 32 together keeps the hash, and timestamp, timestamptz, time, pg_lsn and
 * xid8 are int64 inside and hash alike (money is int64 too: a trap for any encoding that hashes it
 * through bigint); the row hash's final hashint8extended folds the same way; float8 -0 = 0 and
 * interval '1 day' = '24 hours' compare equal; bpchar's cast to text drops trailing blanks; NFC and
 * NFD text look alike; jsonb compares numbers by value, and nested containers print alike but for a
 * bracket; an array's lower bound and a composite's NULL against '' show only in the text.
 */
enum AdversarialValue {
  NUMERIC("numeric"),
  BIGINT("bigint"),
  TIMESTAMP("timestamp"),
  TIMESTAMPTZ("timestamptz"),
  TIME("time"),
  PG_LSN("pg_lsn"),
  XID8("xid8"),
  MONEY("money"),
  FLOAT8("double precision"),
  INTERVAL("interval"),
  BPCHAR("bpchar"),
  TEXT("text"),
  JSONB("jsonb"),
  INT_ARRAY("integer[]"),
  /**
   * {@code %s} stands for the test schema, which holds the composite type {@link #COMPOSITE_DDL}.
   */
  COMPOSITE("%s.text_pair");

  /** The composite type COMPOSITE needs, created once per schema ({@code %s}). */
  static final String COMPOSITE_DDL = "CREATE TYPE %s.text_pair AS (a text, b text)";

  /**
   * Flipping bit 0 and bit 32 together keeps hashint8's fold: {@code lo ^ hi} and {@code lo ^ ~hi}.
   */
  static final long FOLD_TWIN = (1L << 32) | 1L;

  private static final LocalDateTime EPOCH_2000 = LocalDateTime.of(2000, 1, 1, 0, 0);
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
  private static final String[] WORDS = {"a", "x", "caf", "Straße", "it's", "N", "", "ab cd", "z9"};

  /** Two expressions for different stored values that a type hash or cast may take for one. */
  record Twin(String a, String b) {

    Twin {
      checkArgument(!a.equals(b), "a twin of identical expressions: %s", a);
    }

    Twin swapped() {
      return new Twin(b, a);
    }
  }

  private final String type;

  AdversarialValue(String type) {
    this.type = type;
  }

  String column() {
    return "c_" + name().toLowerCase(Locale.ROOT);
  }

  String ddl(String schema) {
    return String.format(Locale.ROOT, type, schema);
  }

  /** The twins issue 11 named and each type's classic equal-but-different pair. */
  List<Twin> named(String schema) {
    return switch (this) {
      case NUMERIC ->
          List.of(numeric("5.00", "-5.00"), numeric("123.45", "-123.45"), numeric("1.0", "1.00"));
      case BIGINT -> List.of(bigint(1, 4_294_967_296L), bigint(-1, 4_294_967_295L));
      case TIMESTAMP -> List.of(new Twin(timestamp(0), timestamp(FOLD_TWIN)));
      case TIMESTAMPTZ -> List.of(new Twin(timestamptz(0), timestamptz(FOLD_TWIN)));
      case TIME -> List.of(new Twin(time(0), time(FOLD_TWIN)));
      case PG_LSN -> List.of(new Twin(lsn(1), lsn(1L << 32)));
      case XID8 -> List.of(new Twin(xid8(1), xid8(1L << 32)));
      case MONEY ->
          List.of(new Twin(money(1), money(1L << 32)), new Twin(money(-1), money(4_294_967_295L)));
      case FLOAT8 -> List.of(new Twin("'0'::float8", "'-0'::float8"));
      case INTERVAL ->
          List.of(
              new Twin(interval("1 day"), interval("24 hours")),
              new Twin(interval("1 mon"), interval("30 days")));
      case BPCHAR ->
          List.of(new Twin(bpchar("a"), bpchar("a ")), new Twin(bpchar(""), bpchar("   ")));
      case TEXT -> List.of(new Twin(text("caf\u00e9"), text("cafe\u0301")));
      case JSONB ->
          List.of(
              new Twin(jsonb("1.0"), jsonb("1.00")),
              new Twin(jsonb("[[1],2]"), jsonb("[[1,2]]")),
              new Twin(jsonb("{\"a\":{\"b\":1},\"c\":2}"), jsonb("{\"a\":{\"b\":1,\"c\":2}}")));
      case INT_ARRAY -> List.of(new Twin(intArray("{1,2}"), intArray("[0:1]={1,2}")));
      case COMPOSITE ->
          List.of(
              new Twin("ROW(NULL, NULL)::" + ddl(schema), "ROW('', '')::" + ddl(schema)),
              new Twin("ROW(NULL, 'x')::" + ddl(schema), "ROW('', 'x')::" + ddl(schema)));
    };
  }

  /** A random twin; either side may be the primary's. */
  Twin draw(Random random, String schema) {
    Twin twin =
        switch (this) {
          case NUMERIC -> {
            BigDecimal value =
                BigDecimal.valueOf(1 + (random.nextLong() & 0xff_ffff_ffffL), random.nextInt(7));
            yield random.nextInt(3) == 0
                ? numeric(
                    value.toPlainString(),
                    value.setScale(value.scale() + 1 + random.nextInt(3)).toPlainString())
                : numeric(value.toPlainString(), value.negate().toPlainString());
          }
          case BIGINT -> {
            long v = random.nextLong();
            yield bigint(v, v ^ FOLD_TWIN);
          }
          case TIMESTAMP, TIMESTAMPTZ -> {
            // within 2^52 microseconds (142 years) of 2000, so both stay in the four-digit years
            long v = random.nextLong() >> 12;
            yield this == TIMESTAMP
                ? new Twin(timestamp(v), timestamp(v ^ FOLD_TWIN))
                : new Twin(timestamptz(v), timestamptz(v ^ FOLD_TWIN));
          }
          case TIME -> {
            // both below 24:00: bit 32 of v is clear, so the twin adds 2^32 +-1 microseconds (about
            // 71 minutes)
            long v = random.nextLong(1L << 32) + (random.nextBoolean() ? 0 : 8L << 32);
            yield new Twin(time(v), time(v ^ FOLD_TWIN));
          }
          case PG_LSN -> {
            long v = random.nextLong(1L << 62);
            yield new Twin(lsn(v), lsn(v ^ FOLD_TWIN));
          }
          case XID8 -> {
            long v = random.nextLong(1L << 62);
            yield new Twin(xid8(v), xid8(v ^ FOLD_TWIN));
          }
          case MONEY -> {
            long v = random.nextLong() >> 2;
            yield new Twin(money(v), money(v ^ FOLD_TWIN));
          }
          case FLOAT8 ->
              random.nextBoolean()
                  ? new Twin("'0'::float8", "'-0'::float8")
                  : new Twin(
                      "'" + random.nextDouble() * 1e6 + "'::float8",
                      "'" + -random.nextDouble() * 1e6 + "'::float8");
          case INTERVAL -> {
            int n = 1 + random.nextInt(400);
            yield random.nextBoolean()
                ? new Twin(interval(n + " days"), interval(n * 24 + " hours"))
                : new Twin(interval(n + " mons"), interval(n * 30 + " days"));
          }
          case BPCHAR -> {
            String word = WORDS[random.nextInt(WORDS.length)] + random.nextInt(100);
            int blanks = random.nextInt(3);
            yield new Twin(
                bpchar(word + " ".repeat(blanks)),
                bpchar(word + " ".repeat(blanks + 1 + random.nextInt(3))));
          }
          case TEXT -> {
            String[][] forms = {
              {"\u00e9", "e\u0301"},
              {"\u00c5", "A\u030a"},
              {"\u00f1", "n\u0303"},
              {"\u1e69", "s\u0323\u0307"}
            };
            String[] form = forms[random.nextInt(forms.length)];
            String word = WORDS[random.nextInt(WORDS.length)];
            int n = random.nextInt(1000);
            yield new Twin(text(word + form[0] + n), text(word + form[1] + n));
          }
          case JSONB -> {
            int k = random.nextInt(1000);
            yield switch (random.nextInt(3)) {
              case 0 -> new Twin(jsonb("{\"n\": " + k + ".0}"), jsonb("{\"n\": " + k + ".00}"));
              case 1 -> new Twin(jsonb("[[" + k + "],2]"), jsonb("[[" + k + ",2]]"));
              default ->
                  new Twin(
                      jsonb("{\"a\":{\"b\":" + k + "},\"c\":2}"),
                      jsonb("{\"a\":{\"b\":" + k + ",\"c\":2}}"));
            };
          }
          case INT_ARRAY -> {
            String elements = random.nextInt(1000) + "," + (random.nextInt(2000) - 1000);
            // any lower bound but the default 1, which would store the very same array
            int lower = new int[] {-2, -1, 0, 2, 3}[random.nextInt(5)];
            yield new Twin(
                intArray("{" + elements + "}"),
                intArray("[" + lower + ":" + (lower + 1) + "]={" + elements + "}"));
          }
          case COMPOSITE -> {
            String other =
                random.nextBoolean() ? "NULL" : Cell.quote(WORDS[random.nextInt(WORDS.length)]);
            yield random.nextBoolean()
                ? new Twin(
                    "ROW(NULL, " + other + ")::" + ddl(schema),
                    "ROW('', " + other + ")::" + ddl(schema))
                : new Twin(
                    "ROW(" + other + ", NULL)::" + ddl(schema),
                    "ROW(" + other + ", '')::" + ddl(schema));
          }
        };
    return random.nextBoolean() ? twin : twin.swapped();
  }

  private static Twin numeric(String a, String b) {
    return new Twin(Cell.quote(a) + "::numeric", Cell.quote(b) + "::numeric");
  }

  private static Twin bigint(long a, long b) {
    return new Twin(a + "::bigint", b + "::bigint");
  }

  /** 2000-01-01 plus {@code micros}, the timestamp's stored int64. */
  private static String timestamp(long micros) {
    return Cell.quote(EPOCH_2000.plus(micros, ChronoUnit.MICROS).format(MICROS)) + "::timestamp";
  }

  private static String timestamptz(long micros) {
    return Cell.quote(EPOCH_2000.plus(micros, ChronoUnit.MICROS).format(MICROS) + "+00")
        + "::timestamptz";
  }

  private static String time(long micros) {
    return Cell.quote(LocalTime.ofNanoOfDay(micros * 1_000).toString()) + "::time";
  }

  private static String lsn(long v) {
    return Cell.quote(String.format(Locale.ROOT, "%X/%X", v >>> 32, v & 0xffff_ffffL)) + "::pg_lsn";
  }

  private static String xid8(long v) {
    return Cell.quote(Long.toUnsignedString(v)) + "::xid8";
  }

  /**
   * {@code cents} is money's stored int64; numeric to money keeps it exactly, whatever lc_monetary.
   */
  private static String money(long cents) {
    return Cell.quote(new BigDecimal(BigInteger.valueOf(cents), 2).toPlainString())
        + "::numeric::money";
  }

  private static String interval(String text) {
    return Cell.quote(text) + "::interval";
  }

  private static String bpchar(String text) {
    return Cell.quote(text) + "::bpchar";
  }

  private static String text(String text) {
    return Cell.quote(text) + "::text";
  }

  private static String jsonb(String text) {
    return Cell.quote(text) + "::jsonb";
  }

  private static String intArray(String text) {
    return Cell.quote(text) + "::integer[]";
  }
}
