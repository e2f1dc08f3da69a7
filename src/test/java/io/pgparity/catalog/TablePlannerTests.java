package io.pgparity.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.ConfigException;
import io.pgparity.config.TableSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TablePlannerTests {

  private static final TableRef T = new TableRef("public", "t");

  @Test
  void comparesTheCommonColumnsKeyFirstAndReportsTheRest() {
    TableSchema primary = schema(List.of(col("a", "text"), col("id", "bigint"), col("b", "integer")), List.of(List.of("id")));
    TableSchema replica = schema(List.of(col("id", "bigint"), col("a", "text"), col("b", "bigint"), col("c", "text")), List.of());
    TablePlan plan = TablePlanner.plan(TableSpec.of(T), Optional.of(primary), Optional.of(replica));
    assertThat(plan.comparable()).isTrue();
    assertThat(plan.columnNames()).containsExactly("id", "a");
    assertThat(plan.findings())
        .containsExactly(
            "column b is integer on the primary but bigint on the replica; not compared",
            "column c exists on the replica only");
  }

  @Test
  void aTableOnOneSideIsAFindingNotAnError() {
    TableSchema primary = schema(List.of(col("id", "bigint")), List.of(List.of("id")));
    TablePlan plan = TablePlanner.plan(TableSpec.of(T), Optional.of(primary), Optional.empty());
    assertThat(plan.comparable()).isFalse();
    assertThat(plan.findings().get(0)).startsWith("table exists on the primary only");
  }

  @Test
  void aTableOnNeitherSideIsAConfigurationError() {
    assertThatThrownBy(() -> TablePlanner.plan(TableSpec.of(T), Optional.empty(), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("public.t: no such table");
  }

  @Test
  void withoutAKeyTheErrorSaysHowToNameOne() {
    TableSchema noKey = schema(List.of(col("id", "bigint")), List.of());
    assertThatThrownBy(() -> TablePlanner.plan(TableSpec.of(T), Optional.of(noKey), Optional.of(noKey)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("add `key: [column, ...]`");
  }

  @Test
  void aNamedKeyMustExistAndBeNotNull() {
    TableSchema primary = schema(List.of(col("id", "bigint"), nullable("n", "integer")), List.of());
    TableSpec unknown = new TableSpec(T, List.of("nope"), List.of(), List.of(), null);
    assertThatThrownBy(() -> TablePlanner.plan(unknown, Optional.of(primary), Optional.of(primary)))
        .hasMessageContaining("key names column 'nope', which does not exist; columns are: id, n");
    TableSpec nullableKey = new TableSpec(T, List.of("n"), List.of(), List.of(), null);
    assertThatThrownBy(() -> TablePlanner.plan(nullableKey, Optional.of(primary), Optional.of(primary)))
        .hasMessageContaining("key column n allows NULL");
  }

  @Test
  void ignoredColumnsAreLeftOutButKeyColumnsCannotBeIgnored() {
    TableSchema schema = schema(List.of(col("id", "bigint"), col("secret", "text"), col("v", "text")), List.of(List.of("id")));
    TableSpec ignore = new TableSpec(T, List.of(), List.of(), List.of("secret"), null);
    assertThat(TablePlanner.plan(ignore, Optional.of(schema), Optional.of(schema)).columnNames()).containsExactly("id", "v");
    TableSpec ignoreKey = new TableSpec(T, List.of(), List.of(), List.of("id"), null);
    assertThatThrownBy(() -> TablePlanner.plan(ignoreKey, Optional.of(schema), Optional.of(schema)))
        .hasMessageContaining("key columns are always compared");
  }

  @Test
  void aKeyColumnWithAnotherTypeOnTheReplicaMakesTheTableIncomparable() {
    TableSchema primary = schema(List.of(col("id", "bigint")), List.of(List.of("id")));
    TableSchema replica = schema(List.of(col("id", "integer")), List.of(List.of("id")));
    TablePlan plan = TablePlanner.plan(TableSpec.of(T), Optional.of(primary), Optional.of(replica));
    assertThat(plan.comparable()).isFalse();
    assertThat(plan.findings().get(0)).contains("key column id is bigint on the primary but integer on the replica");
  }

  @Test
  void maskedColumnsMustExistOnASideAndMustNotBeTheKey() {
    TableSchema primary = schema(List.of(col("id", "bigint"), col("token", "text")), List.of(List.of("id")));
    TableSchema replica = schema(List.of(col("id", "bigint"), col("token", "text"), col("hash", "text")), List.of());
    TableSpec masked = new TableSpec(T, List.of(), List.of(), List.of(), null, null, List.of("token", "hash"));
    assertThat(TablePlanner.plan(masked, Optional.of(primary), Optional.of(replica)).columnNames())
        .as("a masked column on one side only is a finding like any other, not an error")
        .containsExactly("id", "token");

    TableSpec unknown = new TableSpec(T, List.of(), List.of(), List.of(), null, null, List.of("nope"));
    assertThatThrownBy(() -> TablePlanner.plan(unknown, Optional.of(primary), Optional.of(replica)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("public.t: mask names column 'nope', which does not exist; columns are: id, token");

    TableSpec primaryKey = new TableSpec(T, List.of(), List.of(), List.of(), null, null, List.of("id"));
    assertThatThrownBy(() -> TablePlanner.plan(primaryKey, Optional.of(primary), Optional.of(replica)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "public.t: mask names key column id; keys identify rows in every report and cannot be masked: remove id"
                + " from mask, or name other NOT NULL unique columns with `key: [...]`");
  }

  @Test
  void aKeyNamedInTheJobCannotBeMaskedEither() {
    assertThatThrownBy(() -> new TableSpec(T, List.of("token"), List.of(), List.of(), null, null, List.of("token")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("public.t: mask names key column token;");
  }

  private static TableSchema schema(List<ColumnInfo> columns, List<List<String>> keys) {
    return new TableSchema(T, columns, keys, 'r');
  }

  private static ColumnInfo col(String name, String type) {
    return new ColumnInfo(name, type, type, "pg_catalog", 'N', 'b', true);
  }

  private static ColumnInfo nullable(String name, String type) {
    return new ColumnInfo(name, type, type, "pg_catalog", 'N', 'b', false);
  }
}
