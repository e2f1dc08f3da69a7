package io.pgparity.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.TablePlan;
import io.pgparity.config.TableSpec;
import io.pgparity.connect.Both;
import io.pgparity.keyspace.KeyValue;
import io.pgparity.table.TableRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class SavedPlanTests {

  private static final ColumnInfo ID =
      new ColumnInfo("id", "integer", "int4", "pg_catalog", 'N', 'b', true);
  private static final ColumnInfo NAME =
      new ColumnInfo("name", "text", "text", "pg_catalog", 'S', 'b', false);

  @Test
  void thePlanOfEachComparableTableRoundTripsThroughTheJobContext() {
    TableState table = table("accounts", List.of(ID, NAME));
    table.boundaries = List.of(KeyValue.of("100"), KeyValue.of("2,\"00\"\n"), KeyValue.of("300"));
    table.slices = 7;
    table.randomHeapOrder = true;
    table.heapBlocks = new Both<>(1_000L, 1_200L);
    TableState missing = new TableState(TableSpec.of(new TableRef("public", "gone")), 10);
    missing.plan =
        new TablePlan(
            new TableRef("public", "gone"), List.of(), List.of(), null, List.of("missing"), false);
    ExecutionContext context = new ExecutionContext();

    SavedPlan.store(context, List.of(table, missing));
    Map<String, SavedPlan> plans = SavedPlan.load(context).orElseThrow();

    assertThat(plans).containsOnlyKeys("public.accounts");
    assertThat(plans.get("public.accounts")).isEqualTo(SavedPlan.of(table));
    assertThat(SavedPlan.partitions(plans)).isEqualTo(7);
    TableState resumed = table("accounts", List.of(ID, NAME));
    plans.get("public.accounts").applyTo(resumed);
    assertThat(resumed.boundaries).isEqualTo(table.boundaries);
    assertThat(resumed.slices).isEqualTo(7);
    assertThat(resumed.randomHeapOrder).isTrue();
    assertThat(resumed.heapBlocks).isEqualTo(new Both<>(1_000L, 1_200L));
  }

  @Test
  void aContextWithoutPlansHasNone() {
    assertThat(SavedPlan.load(new ExecutionContext())).isEmpty();
  }

  @Test
  void theCatalogFingerprintChangesWithAColumn() {
    assertThat(SavedPlan.catalog(table("accounts", List.of(ID, NAME)).plan))
        .isEqualTo(SavedPlan.catalog(table("accounts", List.of(ID, NAME)).plan))
        .isNotEqualTo(SavedPlan.catalog(table("accounts", List.of(ID)).plan));
  }

  private static TableState table(String name, List<ColumnInfo> columns) {
    TableRef ref = new TableRef("public", name);
    TableState table = new TableState(TableSpec.of(ref), 10);
    table.plan = new TablePlan(ref, List.of(ID), columns, null, List.of(), true);
    return table;
  }
}
