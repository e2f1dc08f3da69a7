package io.pgparity.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.TablePlan;
import io.pgparity.config.TableSpec;
import io.pgparity.connect.Both;
import io.pgparity.keyspace.KeyValue;
import io.pgparity.table.TableRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Small tables share batches in table order, capped by count and by heap blocks; a table of several
 * ranges or slices, or a large heap, keeps a partition per slice; tables that cannot be compared
 * get none. The units depend on the plan alone, so a resumed run names the same partitions.
 */
class HashUnitTests {

  private static final ColumnInfo ID =
      new ColumnInfo("id", "integer", "int4", "pg_catalog", 'N', 'b', true);

  @Test
  void smallTablesShareABatchAndLargeTablesKeepTheirSlices() {
    List<TableState> tables = new ArrayList<>();
    tables.add(table("a", 10, 0, 1));
    tables.add(table("b", 10, 0, 1));
    tables.add(table("big", 50_000, 0, 3));
    tables.add(table("ranged", 10, 4, 1));
    tables.add(uncomparable("gone"));
    tables.add(table("c", HashUnit.BATCH_TABLE_BLOCKS, 0, 1));
    tables.add(table("d", HashUnit.BATCH_TABLE_BLOCKS + 1, 0, 1));

    List<HashUnit> units = HashUnit.of(tables, true);

    assertThat(units)
        .extracting(HashUnit::name)
        .containsExactly(
            "hash-t2-s0", "hash-t2-s1", "hash-t2-s2", "hash-t3-s0", "hash-t6-s0", "hash-b0-5");
    assertThat(units.get(5).tables()).containsExactly(0, 1, 5);
    assertThat(units.get(5).batch()).isTrue();
    assertThat(units.get(0).batch()).isFalse();
    assertThat(HashUnit.of(tables, true)).isEqualTo(units);
    // paced by rows per second: every table in partitions of its own
    assertThat(HashUnit.of(tables, false))
        .extracting(HashUnit::name)
        .containsExactly(
            "hash-t0-s0",
            "hash-t1-s0",
            "hash-t2-s0",
            "hash-t2-s1",
            "hash-t2-s2",
            "hash-t3-s0",
            "hash-t5-s0",
            "hash-t6-s0");
  }

  @Test
  void batchesCloseAtTheirTableAndBlockCaps() {
    List<TableState> tables = new ArrayList<>();
    for (int i = 0; i < HashUnit.BATCH_TABLES + 1; i++) {
      tables.add(table("t" + i, 1, 0, 1));
    }
    assertThat(HashUnit.of(tables, true))
        .extracting(u -> u.tables().size())
        .containsExactly(HashUnit.BATCH_TABLES, 1);

    List<TableState> heavy = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      heavy.add(table("h" + i, HashUnit.BATCH_BLOCKS / 2, 0, 1));
    }
    assertThat(HashUnit.of(heavy, true))
        .extracting(HashUnit::name)
        .containsExactly("hash-b0-1", "hash-b2-3", "hash-b4-4");
  }

  private static TableState table(String name, long blocks, int boundaries, int slices) {
    TableRef ref = new TableRef("public", name);
    TableState table = new TableState(TableSpec.of(ref), 10);
    table.plan = new TablePlan(ref, List.of(ID), List.of(ID), null, List.of(), true);
    List<KeyValue> keys = new ArrayList<>();
    for (int i = 0; i < boundaries; i++) {
      keys.add(KeyValue.of("" + (i * 100)));
    }
    table.boundaries = keys;
    table.slices = slices;
    table.heapBlocks = new Both<>(blocks, blocks / 2);
    return table;
  }

  private static TableState uncomparable(String name) {
    TableRef ref = new TableRef("public", name);
    TableState table = new TableState(TableSpec.of(ref), 10);
    table.plan =
        new TablePlan(
            ref, List.of(), List.of(), null, List.of("table exists on the primary only"), false);
    return table;
  }
}
