package io.pgparity.compare;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random JSON documents for the json and jsonb columns. json keeps its input text verbatim; jsonb
 * prints a normal form (keys by length then bytes, one space after ':' and ',', numbers with the
 * scale they were written with), so the same document is rendered both ways here.
 */
final class JsonCells {

  private static final String[] KEYS = {"a", "b", "id", "é", "name", "x y", "\"q\"", "tags", "日本"};

  private final Random random;
  private final RandomCells strings;

  JsonCells(Random random, RandomCells strings) {
    this.random = random;
    this.strings = strings;
  }

  /** A random document: an object, sometimes an array or a scalar. */
  Object document() {
    int shape = random.nextInt(10);
    return shape == 0 ? array(1) : shape == 1 ? scalar() : object(0);
  }

  Cell jsonb(Object document) {
    return Cell.literal(input(document), "jsonb", normal(document));
  }

  Cell json(Object document) {
    return Cell.literal(input(document), "json");
  }

  /** The document as typed: keys in insertion order, random spacing. */
  String input(Object value) {
    if (value instanceof Map<?, ?> map) {
      List<String> pairs = new ArrayList<>();
      map.forEach(
          (k, v) -> pairs.add(PgText.jsonString((String) k) + space() + ":" + space() + input(v)));
      return "{" + space() + String.join("," + space(), pairs) + space() + "}";
    }
    if (value instanceof List<?> list) {
      return "[" + String.join("," + space(), list.stream().map(this::input).toList()) + "]";
    }
    return scalarText(value);
  }

  /** The document as jsonb prints it. */
  static String normal(Object value) {
    if (value instanceof Map<?, ?> map) {
      List<String> keys = new ArrayList<>(map.keySet().stream().map(k -> (String) k).toList());
      keys.sort(JsonCells::jsonbKeyOrder);
      List<String> pairs =
          keys.stream().map(k -> PgText.jsonString(k) + ": " + normal(map.get(k))).toList();
      return "{" + String.join(", ", pairs) + "}";
    }
    if (value instanceof List<?> list) {
      return "[" + String.join(", ", list.stream().map(JsonCells::normal).toList()) + "]";
    }
    return scalarText(value);
  }

  private Map<String, Object> object(int depth) {
    List<String> keys = new ArrayList<>(Arrays.asList(KEYS));
    Collections.shuffle(keys, random);
    Map<String, Object> object = new LinkedHashMap<>();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      object.put(keys.get(i), depth < 1 && random.nextInt(4) == 0 ? array(depth + 1) : scalar());
    }
    return object;
  }

  private List<Object> array(int depth) {
    List<Object> array = new ArrayList<>();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      array.add(depth < 2 && random.nextInt(5) == 0 ? object(depth + 1) : scalar());
    }
    return array;
  }

  private Object scalar() {
    return switch (random.nextInt(6)) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2, 3 ->
          new BigDecimal(
              BigInteger.valueOf(random.nextInt(2_000_001) - 1_000_000), random.nextInt(4));
      default -> strings.text(8);
    };
  }

  private String space() {
    return switch (random.nextInt(6)) {
      case 0 -> " ";
      case 1 -> "\n  ";
      default -> "";
    };
  }

  private static String scalarText(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof BigDecimal number) {
      return number.toPlainString();
    }
    if (value instanceof String string) {
      return PgText.jsonString(string);
    }
    return value.toString();
  }

  // jsonb orders object keys by byte length first, then byte-wise
  private static int jsonbKeyOrder(String a, String b) {
    byte[] x = a.getBytes(UTF_8);
    byte[] y = b.getBytes(UTF_8);
    return x.length != y.length
        ? Integer.compare(x.length, y.length)
        : Arrays.compareUnsigned(x, y);
  }
}
