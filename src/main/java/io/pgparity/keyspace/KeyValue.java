package io.pgparity.keyspace;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * A key as PostgreSQL prints it under the pinned session settings, one text per key column.
 * Text round-trips exactly through each type's input function, so it can be bound back as
 * {@code CAST(? AS type)} whatever the key's type.
 */
public record KeyValue(List<String> values) {

  public KeyValue {
    checkArgument(values != null && !values.isEmpty(), "a key has at least one column");
    checkArgument(values.stream().allMatch(v -> v != null), "key values are never NULL");
    values = List.copyOf(values);
  }

  public static KeyValue of(String... values) {
    return new KeyValue(List.of(values));
  }

  @Override
  public String toString() {
    return values.size() == 1 ? values.get(0) : "(" + String.join(", ", values) + ")";
  }
}
