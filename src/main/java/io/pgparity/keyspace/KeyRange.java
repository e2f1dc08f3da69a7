package io.pgparity.keyspace;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A half-open key range {@code [lo, hi)} in the key's own order (row-value order for composite
 * keys). A null {@code lo} is unbounded below and a null {@code hi} unbounded above, so the first
 * and last ranges also hold rows that exist beyond the primary's key span on the replica only.
 */
public record KeyRange(KeyValue lo, KeyValue hi) {

  public KeyRange {
    checkArgument(
        lo == null || hi == null || lo.values().size() == hi.values().size(),
        "range bounds must have the same number of key columns");
  }

  public static KeyRange all() {
    return new KeyRange(null, null);
  }

  @Override
  public String toString() {
    return "[" + (lo == null ? "-inf" : lo) + ", " + (hi == null ? "+inf" : hi) + ")";
  }
}
