package io.pgparity.compare;

import io.pgparity.connect.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Queues random drift on a {@link DriftTable}, mostly on the replica and some on the primary:
 * deleted, inserted and updated rows, equal-but-not-identical pairs, and writes that change nothing
 * (the same value on both sides, the same stored value from another literal, a row deleted and
 * inserted again).
 */
final class DriftInjector {

  private final DriftTable table;
  private final Random random;
  private final RandomCells cells;
  private final String schema;

  DriftInjector(DriftTable table, Random random, String schema) {
    this.table = table;
    this.random = random;
    this.schema = schema;
    this.cells = new RandomCells(random, schema);
  }

  /** Queues {@code operations} random operations. */
  void inject(int operations) {
    for (int i = 0; i < operations; i++) {
      int op = random.nextInt(100);
      if (op < 28) {
        update(Side.REPLICA);
      } else if (op < 36) {
        update(Side.PRIMARY);
      } else if (op < 48) {
        delete(Side.REPLICA);
      } else if (op < 52) {
        delete(Side.PRIMARY);
      } else if (op < 63) {
        insert(Side.REPLICA);
      } else if (op < 67) {
        insert(Side.PRIMARY);
      } else if (op < 85) {
        pair();
      } else if (op < 92) {
        sameOnBoth();
      } else {
        reinsert(random.nextBoolean() ? Side.REPLICA : Side.PRIMARY);
      }
    }
  }

  /** Deletes {@code count} rows in a row of the base order on one side. */
  void deleteBlock(Side side, int count) {
    List<List<String>> keys = table.keys(side);
    int start = random.nextInt(Math.max(1, keys.size() - count));
    keys.subList(start, Math.min(keys.size(), start + count))
        .forEach(key -> table.delete(side, key));
  }

  /** Inserts {@code count} rows with new keys on one side. */
  void insertMany(Side side, int count) {
    for (int i = 0; i < count; i++) {
      insert(side);
    }
  }

  private void update(Side side) {
    List<String> key = anyKey(table.keys(side));
    if (key == null) {
      return;
    }
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      int column = anyColumn();
      WideType type = table.types.get(column - table.keySize());
      table.update(side, key, column, mutate(type, table.row(side, key)[column]));
    }
  }

  private Cell mutate(WideType type, Cell old) {
    int choice = random.nextInt(10);
    if (old.text() != null && choice < 2) {
      return Cell.NULL;
    }
    if (type.textLike() && choice < 5) {
      Cell[] specials = {
        Cell.NULL, Cell.literal("", type.cast(schema), ""), Cell.literal("NULL", type.cast(schema))
      };
      return specials[random.nextInt(specials.length)];
    }
    return cells.value(type);
  }

  private void delete(Side side) {
    List<String> key = anyKey(table.keys(side));
    if (key != null) {
      table.delete(side, key);
    }
  }

  private void insert(Side side) {
    Cell[] key;
    do {
      key = table.kind.random(random, cells);
    } while (table.known(KeyKind.texts(key)));
    table.insert(side, row(key));
  }

  /** Sets one column of a row present on both sides to a pair's two values. */
  private void pair() {
    List<String> key = commonKey();
    if (key == null) {
      return;
    }
    int column = anyColumn();
    List<Cell[]> pairs = EqualPairs.of(table.types.get(column - table.keySize()), schema);
    Cell[] pair = pairs.get(random.nextInt(pairs.size()));
    boolean swap = random.nextBoolean();
    table.update(Side.PRIMARY, key, column, pair[swap ? 1 : 0]);
    table.update(Side.REPLICA, key, column, pair[swap ? 0 : 1]);
  }

  private void sameOnBoth() {
    List<String> key = commonKey();
    if (key != null) {
      int column = anyColumn();
      Cell value = cells.next(table.types.get(column - table.keySize()));
      table.update(Side.PRIMARY, key, column, value);
      table.update(Side.REPLICA, key, column, value);
    }
  }

  /** Deletes a row and inserts it again: another place in the heap, the same content. */
  private void reinsert(Side side) {
    List<String> key = anyKey(table.keys(side));
    if (key != null) {
      Cell[] row = table.row(side, key);
      table.delete(side, key);
      table.insert(side, row);
    }
  }

  /** A row with random values for the given key. */
  Cell[] row(Cell[] key) {
    Cell[] row = new Cell[table.columns.size()];
    System.arraycopy(key, 0, row, 0, key.length);
    for (int i = key.length; i < row.length; i++) {
      row[i] = cells.next(table.types.get(i - key.length));
    }
    return row;
  }

  private List<String> commonKey() {
    List<List<String>> common = new ArrayList<>();
    List<List<String>> replica = table.keys(Side.REPLICA);
    // sample instead of intersecting whole tables: a few tries find a common key almost always
    for (int tries = 0; tries < 20 && common.isEmpty(); tries++) {
      List<String> key = anyKey(replica);
      if (key != null && table.row(Side.PRIMARY, key) != null) {
        common.add(key);
      }
    }
    return common.isEmpty() ? null : common.get(0);
  }

  private List<String> anyKey(List<List<String>> keys) {
    return keys.isEmpty() ? null : keys.get(random.nextInt(keys.size()));
  }

  private int anyColumn() {
    return table.keySize() + random.nextInt(table.types.size());
  }
}
