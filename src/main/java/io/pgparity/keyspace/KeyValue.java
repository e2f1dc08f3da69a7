package io.pgparity.keyspace;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A key as PostgreSQL prints it under the pinned session settings, one text per key column. Text
 * round-trips exactly through each type's input function, so it can be bound back as {@code CAST(?
 * AS type)} whatever the key's type. A null element is SQL NULL: the replica may not enforce the
 * primary's NOT NULL, and a row with a NULL key must be reported, never dropped; such a key never
 * bounds a range (see {@link KeySql#nullKey()}).
 */
public record KeyValue(List<String> values) {

  public KeyValue {
    checkArgument(values != null && !values.isEmpty(), "a key has at least one column");
    // List.copyOf rejects nulls, and a NULL key column is a value here
    values = Collections.unmodifiableList(new ArrayList<>(values));
  }

  public static KeyValue of(String... values) {
    return new KeyValue(Arrays.asList(values));
  }

  /** True when some key column is SQL NULL: the row cannot be found by key equality. */
  public boolean hasNull() {
    return values.contains(null);
  }

  @Override
  public String toString() {
    List<String> shown = values.stream().map(v -> v == null ? "NULL" : v).toList();
    return shown.size() == 1 ? shown.get(0) : "(" + String.join(", ", shown) + ")";
  }
}
