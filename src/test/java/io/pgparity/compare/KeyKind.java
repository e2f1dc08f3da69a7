package io.pgparity.compare;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** The key of a test table: its columns and how random keys of it are drawn. */
enum KeyKind {
  BIGINT(List.of("k"), List.of("bigint")),
  UUID(List.of("k"), List.of("uuid")),
  TEXT(List.of("k"), List.of("text")),
  COMPOSITE(List.of("k1", "k2"), List.of("integer", "text")),
  /** Its text depends on the session's TimeZone, so both sides must print it the same way. */
  TIMESTAMPTZ(List.of("k"), List.of("timestamptz"));

  /** Text keys that are easy to mishandle when bound back as parameters. */
  private static final List<String> AWKWARD_TEXT_KEYS =
      List.of(
          "",
          "NULL",
          "null",
          " ",
          "  ",
          "a\nb",
          "it's",
          "\"q\"",
          "back\\slash",
          "{a,b}",
          "日本",
          "🙂",
          "Alice",
          "alice");

  final List<String> names;
  final List<String> types;

  KeyKind(List<String> names, List<String> types) {
    this.names = names;
    this.types = types;
  }

  /**
   * {@code count} distinct keys, in an order that keeps the leading key column ascending where that
   * is cheap.
   */
  List<Cell[]> keys(Random random, RandomCells cells, int count) {
    Set<List<String>> seen = new LinkedHashSet<>();
    List<Cell[]> keys = new ArrayList<>();
    if (this == TEXT) {
      AWKWARD_TEXT_KEYS.forEach(k -> add(seen, keys, new Cell[] {Cell.literal(k, "text")}));
    }
    long next = 0;
    while (keys.size() < count) {
      Cell[] key =
          switch (this) {
            case BIGINT -> {
              next += 1 + random.nextInt(3);
              yield new Cell[] {bigint(next)};
            }
            case COMPOSITE ->
                new Cell[] {integer(keys.size() / 40), Cell.literal(cells.text(6), "text")};
            default -> random(random, cells);
          };
      add(seen, keys, key);
    }
    return keys;
  }

  /** A random key, likely not among the table's keys (callers check). */
  Cell[] random(Random random, RandomCells cells) {
    return switch (this) {
      case BIGINT ->
          new Cell[] {
            bigint(random.nextInt(10) == 0 ? random.nextLong() : random.nextInt(80_000) - 10_000)
          };
      case UUID ->
          new Cell[] {
            Cell.literal(
                new java.util.UUID(random.nextLong(), random.nextLong()).toString(), "uuid")
          };
      case TEXT -> new Cell[] {Cell.literal(cells.text(10), "text")};
      case COMPOSITE ->
          new Cell[] {integer(random.nextInt(120) - 10), Cell.literal(cells.text(6), "text")};
      case TIMESTAMPTZ ->
          new Cell[] {
            cells.timestamptz(Instant.ofEpochSecond(cells.second(), cells.micros() * 1_000L))
          };
    };
  }

  static Cell bigint(long value) {
    return new Cell("(" + value + ")::bigint", Long.toString(value));
  }

  static Cell integer(int value) {
    return new Cell("(" + value + ")::integer", Integer.toString(value));
  }

  static List<String> texts(Cell[] key) {
    List<String> texts = new ArrayList<>();
    for (Cell cell : key) {
      texts.add(cell.text());
    }
    return List.copyOf(texts);
  }

  private static void add(Set<List<String>> seen, List<Cell[]> keys, Cell[] key) {
    if (seen.add(texts(key))) {
      keys.add(key);
    }
  }
}
