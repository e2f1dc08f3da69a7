package io.pgparity.demo;

import io.pgparity.compare.DivergenceKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of one table that writes on either side have touched since both sides were equal, and
 * what a comparison must therefore find. A key seen first in an update or delete is taken to have
 * existed on both sides; a key seen first in an insert, on neither. Assumes that every update sets
 * values the other side does not have.
 */
final class DriftLedger {

  /** Where a write happened. */
  enum Side {
    PRIMARY,
    REPLICA
  }

  private static final class Row {
    boolean onPrimary;
    boolean onReplica;
    boolean updated;

    Row(boolean existed) {
      onPrimary = existed;
      onReplica = existed;
    }

    boolean on(Side side) {
      return side == Side.PRIMARY ? onPrimary : onReplica;
    }

    void set(Side side, boolean present) {
      if (side == Side.PRIMARY) {
        onPrimary = present;
      } else {
        onReplica = present;
      }
    }
  }

  private final Map<String, Row> rows = new LinkedHashMap<>();

  /** Records an insert of a fresh key; returns the rows the INSERT must affect (always 1). */
  int insert(Side side, String key) {
    Row row = rows.computeIfAbsent(key, k -> new Row(false));
    if (row.on(side)) {
      throw new IllegalStateException(
          key + " already exists on the " + side + "; pick a fresh key");
    }
    row.set(side, true);
    return 1;
  }

  /** Records an update; returns the rows the UPDATE must affect (0 once the row is deleted). */
  int update(Side side, String key) {
    Row row = rows.computeIfAbsent(key, k -> new Row(true));
    if (!row.on(side)) {
      return 0;
    }
    row.updated = true;
    return 1;
  }

  /** Records a delete; returns the rows the DELETE must affect (0 if already gone). */
  int delete(Side side, String key) {
    Row row = rows.computeIfAbsent(key, k -> new Row(true));
    if (!row.on(side)) {
      return 0;
    }
    row.set(side, false);
    return 1;
  }

  /** Each divergent key with its kind, ordered by key text; each key counted once. */
  Map<String, DivergenceKind> divergences() {
    Map<String, DivergenceKind> result = new TreeMap<>();
    rows.forEach(
        (key, row) -> {
          if (row.onPrimary && !row.onReplica) {
            result.put(key, DivergenceKind.MISSING_ON_REPLICA);
          } else if (!row.onPrimary && row.onReplica) {
            result.put(key, DivergenceKind.EXTRA_ON_REPLICA);
          } else if (row.onPrimary && row.updated) {
            result.put(key, DivergenceKind.CHANGED);
          }
        });
    return Collections.unmodifiableMap(result);
  }
}
