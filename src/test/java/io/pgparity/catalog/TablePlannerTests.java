package io.pgparity.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.ConfigException;
import io.pgparity.config.TableSpec;
import io.pgparity.table.TableRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TablePlannerTests {

  private static final TableRef T = new TableRef("public", "t");

  @Test
  void comparesTheCommonColumnsKeyFirstAndReportsTheRest() {
    TableSchema primary =
        schema(
            List.of(col("a", "text"), col("id", "bigint"), col("b", "integer")),
            List.of(List.of("id")));
    TableSchema replica =
        schema(
            List.of(col("id", "bigint"), col("a", "text"), col("b", "bigint"), col("c", "text")),
            List.of(List.of("id")));
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
    assertThatThrownBy(
            () -> TablePlanner.plan(TableSpec.of(T), Optional.of(noKey), Optional.of(noKey)))
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
    assertThatThrownBy(
            () -> TablePlanner.plan(nullableKey, Optional.of(primary), Optional.of(primary)))
        .hasMessageContaining("key column n allows NULL");
  }

  @Test
  void ignoredColumnsAreLeftOutButKeyColumnsCannotBeIgnored() {
    TableSchema schema =
        schema(
            List.of(col("id", "bigint"), col("secret", "text"), col("v", "text")),
            List.of(List.of("id")));
    TableSpec ignore = new TableSpec(T, List.of(), List.of(), List.of("secret"), null);
    assertThat(TablePlanner.plan(ignore, Optional.of(schema), Optional.of(schema)).columnNames())
        .containsExactly("id", "v");
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
    assertThat(plan.findings().get(0))
        .contains("key column id is bigint on the primary but integer on the replica");
  }

  @Test
  void maskedColumnsMustExistOnASideAndMustNotBeTheKey() {
    TableSchema primary =
        schema(List.of(col("id", "bigint"), col("token", "text")), List.of(List.of("id")));
    TableSchema replica =
        schema(List.of(col("id", "bigint"), col("token", "text"), col("hash", "text")), List.of());
    TableSpec masked =
        new TableSpec(T, List.of(), List.of(), List.of(), null, null, List.of("token", "hash"));
    assertThat(TablePlanner.plan(masked, Optional.of(primary), Optional.of(replica)).columnNames())
        .as("a masked column on one side only is a finding like any other, not an error")
        .containsExactly("id", "token");

    TableSpec unknown =
        new TableSpec(T, List.of(), List.of(), List.of(), null, null, List.of("nope"));
    assertThatThrownBy(() -> TablePlanner.plan(unknown, Optional.of(primary), Optional.of(replica)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "public.t: mask names column 'nope', which does not exist; columns are: id, token");

    TableSpec primaryKey =
        new TableSpec(T, List.of(), List.of(), List.of(), null, null, List.of("id"));
    assertThatThrownBy(
            () -> TablePlanner.plan(primaryKey, Optional.of(primary), Optional.of(replica)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "public.t: mask names key column id; keys identify rows in every report and cannot be masked: remove id"
                + " from mask, or name other NOT NULL unique columns with `key: [...]`");
  }

  @Test
  void aKeyNamedInTheJobCannotBeMaskedEither() {
    assertThatThrownBy(
            () ->
                new TableSpec(
                    T, List.of("token"), List.of(), List.of(), null, null, List.of("token")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("public.t: mask names key column token;");
  }

  private static final String SURPLUS =
      "pgparity compares rows per key as multisets and reports each surplus copy";
  private static final String NO_IDENTITY =
      "the replica has no primary key (the primary's is (id)) and no REPLICA IDENTITY USING INDEX: as a logical"
          + " subscriber it cannot apply UPDATE or DELETE unless the published table has REPLICA IDENTITY FULL";

  @Test
  void noKeyFindingWhenBothSidesEnforceTheKeyAlike() {
    TableSchema both =
        enforced(List.of(col("id", "bigint"), col("v", "text")), pk("id"), unique("v"));
    assertThat(
            TablePlanner.plan(TableSpec.of(T), Optional.of(both), Optional.of(both)).allFindings())
        .isEmpty();
  }

  @Test
  void noKeyFindingWhenTheReplicaEnforcesMore() {
    TableSchema primary = enforced(List.of(col("id", "bigint"), col("v", "text")), unique("id"));
    TableSchema replica =
        enforced(List.of(col("id", "bigint"), col("v", "text")), pk("id"), unique("v"));
    TablePlan plan = TablePlanner.plan(TableSpec.of(T), Optional.of(primary), Optional.of(replica));
    assertThat(plan.keyNames()).containsExactly("id");
    assertThat(plan.allFindings()).isEmpty();
  }

  @Test
  void aReplicaWithoutPrimaryKeyOrUniqueIndexCanHoldDuplicateKeys() {
    TableSchema primary = enforced(List.of(col("id", "bigint"), col("v", "text")), pk("id"));
    TableSchema replica = enforced(List.of(col("id", "bigint"), col("v", "text")));
    TablePlan plan = TablePlanner.plan(TableSpec.of(T), Optional.of(primary), Optional.of(replica));
    assertThat(plan.comparable()).isTrue();
    assertThat(plan.allFindings())
        .containsExactly(
            "the replica has no primary key or unique index over (id) (the primary's primary key is (id)): rows with"
                + " the same key can exist there; "
                + SURPLUS,
            NO_IDENTITY);
  }

  @Test
  void aNullableKeyColumnOnTheReplicaIsAFinding() {
    TableSchema primary = enforced(List.of(col("id", "bigint"), col("v", "text")), pk("id"));
    TableSchema replica =
        enforced(List.of(nullable("id", "bigint"), col("v", "text")), unique("id"));
    TablePlan plan = TablePlanner.plan(TableSpec.of(T), Optional.of(primary), Optional.of(replica));
    assertThat(plan.allFindings())
        .as(
            "the unique index keeps non-NULL keys unique, so only NULL and the missing primary key are findings")
        .containsExactly(
            "key column id allows NULL on the replica (NOT NULL on the primary): rows with a NULL key can exist there;"
                + " they are reported with a null key",
            NO_IDENTITY);
  }

  @Test
  void aUniqueIndexInsteadOfThePrimaryKeyKeepsTheKeyButNotLogicalApply() {
    TableSchema primary = enforced(List.of(col("id", "bigint")), pk("id"));
    TableSchema replica = enforced(List.of(col("id", "bigint")), unique("id"));
    assertThat(
            TablePlanner.plan(TableSpec.of(T), Optional.of(primary), Optional.of(replica))
                .allFindings())
        .containsExactly(NO_IDENTITY);
    TableSchema identity =
        enforced(List.of(col("id", "bigint")), new UniqueKey(List.of("id"), false, true, true));
    assertThat(
            TablePlanner.plan(TableSpec.of(T), Optional.of(primary), Optional.of(identity))
                .allFindings())
        .as(
            "REPLICA IDENTITY USING INDEX lets a subscriber apply UPDATE and DELETE without a primary key")
        .isEmpty();
  }

  @Test
  void aUniqueIndexOverSomeKeyColumnsKeepsTheKeyUniqueButOneOverMoreDoesNot() {
    List<ColumnInfo> columns = List.of(col("a", "bigint"), col("b", "bigint"), col("c", "text"));
    TableSchema primary = enforced(columns, pk("a", "b"));
    TableSchema subset = enforced(columns, pk("a"));
    assertThat(
            TablePlanner.plan(TableSpec.of(T), Optional.of(primary), Optional.of(subset))
                .allFindings())
        .isEmpty();
    TableSchema superset = enforced(columns, pk("a", "b", "c"));
    assertThat(
            TablePlanner.plan(TableSpec.of(T), Optional.of(primary), Optional.of(superset))
                .allFindings())
        .containsExactly(
            "the replica has no primary key or unique index over (a, b) or some of its columns (the primary's primary"
                + " key is (a, b)): rows with the same key can exist there; "
                + SURPLUS);
  }

  @Test
  void aDeferrableConstraintOnTheReplicaIsALowerConcern() {
    TableSchema primary = enforced(List.of(col("id", "bigint")), pk("id"));
    TableSchema replica =
        enforced(List.of(col("id", "bigint")), new UniqueKey(List.of("id"), true, false, false));
    assertThat(
            TablePlanner.plan(TableSpec.of(T), Optional.of(primary), Optional.of(replica))
                .allFindings())
        .containsExactly(
            "the replica keeps (id) unique only at commit (the replica's primary key is (id), deferrable; the"
                + " primary's primary key is (id)): rows with the same key can exist there inside a transaction but"
                + " not once it commits, and pgparity reads committed rows only; a lower concern");
    TableSchema deferrableToo =
        enforced(List.of(col("id", "bigint")), new UniqueKey(List.of("id"), false, false, false));
    TableSpec named = new TableSpec(T, List.of("id"), List.of(), List.of(), null);
    assertThat(
            TablePlanner.plan(named, Optional.of(deferrableToo), Optional.of(deferrableToo))
                .allFindings())
        .as("both sides deferrable: nothing differs")
        .isEmpty();
    assertThat(
            TablePlanner.plan(
                    named,
                    Optional.of(deferrableToo),
                    Optional.of(enforced(List.of(col("id", "bigint")))))
                .allFindings())
        .containsExactly(
            "the replica has no primary key or unique index over (id) (the primary has a deferrable unique constraint"
                + " over (id)): rows with the same key can exist there; "
                + SURPLUS);
  }

  @Test
  void aKeyNamedInTheJobThatThePrimaryDoesNotKeepUniqueAllowsDuplicates() {
    List<ColumnInfo> columns = List.of(col("id", "bigint"), col("code", "text"));
    TableSpec byCode = new TableSpec(T, List.of("code"), List.of(), List.of(), null);
    TableSchema primary = enforced(columns, pk("id"));
    assertThat(TablePlanner.plan(byCode, Optional.of(primary), Optional.of(primary)).allFindings())
        .containsExactly(
            "key (code) is named in the job, but neither side has a primary key or unique index over (code): rows"
                + " with the same key can exist on both sides; "
                + SURPLUS);
    TableSchema replica = enforced(columns, pk("id"), unique("code"));
    assertThat(TablePlanner.plan(byCode, Optional.of(primary), Optional.of(replica)).allFindings())
        .containsExactly(
            "key (code) is named in the job, but the primary has no primary key or unique index over (code) (the"
                + " replica has a unique index over (code)): rows with the same key can exist on the primary; "
                + SURPLUS);
    assertThat(TablePlanner.plan(byCode, Optional.of(replica), Optional.of(replica)).allFindings())
        .as("the primary keeps the named key unique")
        .isEmpty();
  }

  @Test
  void onlyWhatTheReplicaLacksMakesTheTableDivergentTheRestIsAdvice() {
    TableSchema primary = enforced(List.of(col("id", "bigint"), col("code", "text")), pk("id"));
    TablePlan lacking =
        TablePlanner.plan(
            TableSpec.of(T),
            Optional.of(primary),
            Optional.of(enforced(List.of(nullable("id", "bigint"), col("code", "text")))));
    assertThat(lacking.findings())
        .hasSize(2)
        .allMatch(f -> f.contains("the replica has no") || f.contains("allows NULL"));
    assertThat(lacking.advisories()).containsExactly(NO_IDENTITY);
    TablePlan deferrable =
        TablePlanner.plan(
            TableSpec.of(T),
            Optional.of(primary),
            Optional.of(
                enforced(
                    List.of(col("id", "bigint"), col("code", "text")),
                    new UniqueKey(List.of("id"), true, false, false))));
    assertThat(deferrable.findings()).isEmpty();
    assertThat(deferrable.advisories()).singleElement().asString().contains("a lower concern");
    TablePlan named =
        TablePlanner.plan(
            new TableSpec(T, List.of("code"), List.of(), List.of(), null),
            Optional.of(primary),
            Optional.of(primary));
    assertThat(named.findings()).isEmpty();
    assertThat(named.advisories()).singleElement().asString().contains("is named in the job");
  }

  @Test
  void candidateKeysArePrimaryKeyThenNarrowestImmediateUniqueIndexOverNotNullColumns() {
    TableSchema schema =
        enforced(
            List.of(
                col("a", "bigint"), col("b", "bigint"), nullable("n", "text"), col("d", "text")),
            unique("a", "b"),
            unique("n"),
            new UniqueKey(List.of("d"), false, false, false),
            unique("b"),
            pk("a", "d"));
    assertThat(schema.candidateKeys())
        .containsExactly(List.of("a", "d"), List.of("b"), List.of("a", "b"));
    assertThat(schema.uniqueness(List.of("b", "d"))).isEqualTo(KeyUniqueness.IMMEDIATE);
    assertThat(schema.uniqueness(List.of("d", "n"))).isEqualTo(KeyUniqueness.IMMEDIATE);
    assertThat(schema.uniqueness(List.of("d"))).isEqualTo(KeyUniqueness.AT_COMMIT);
    assertThat(schema.uniqueness(List.of("a"))).isEqualTo(KeyUniqueness.NOT_ENFORCED);
  }

  private static TableSchema enforced(List<ColumnInfo> columns, UniqueKey... uniqueKeys) {
    return TableSchema.of(T, columns, 'r', List.of(uniqueKeys));
  }

  private static UniqueKey pk(String... columns) {
    return new UniqueKey(List.of(columns), true, true, false);
  }

  private static UniqueKey unique(String... columns) {
    return new UniqueKey(List.of(columns), false, true, false);
  }

  /** Stands in for hashing.RowHashSql::rowHash, which this package cannot name. */
  private static final TablePlanner.RowHash ROW_HASH =
      columns -> "h(" + String.join(", ", columns.stream().map(ColumnInfo::sql).toList()) + ")";

  @Test
  void withoutAKeyTheRowHashOfTheCommonColumnsIsTheKey() {
    TableSchema primary =
        schema(List.of(col("a", "text"), nullable("b", "integer"), col("c", "text")), List.of());
    TableSchema replica = schema(List.of(col("a", "text"), nullable("b", "bigint")), List.of());
    TablePlan plan =
        TablePlanner.plan(TableSpec.of(T), Optional.of(primary), Optional.of(replica), ROW_HASH);
    assertThat(plan.comparable()).isTrue();
    assertThat(plan.keyless()).isTrue();
    assertThat(plan.keyNames()).containsExactly(TablePlan.ROW_HASH);
    assertThat(plan.columnNames()).containsExactly("a");
    assertThat(plan.key().get(0).sql()).isEqualTo("(h(\"a\"))");
    assertThat(plan.key().get(0).type()).isEqualTo("bigint");
    assertThat(plan.findings())
        .containsExactly(
            "column b is integer on the primary but bigint on the replica; not compared",
            "column c is missing on the replica");
    assertThat(plan.advisories()).singleElement().asString().contains("multisets of whole rows");
  }

  @Test
  void aKeyedTableIgnoresTheRowHash() {
    TableSchema keyed =
        schema(List.of(col("id", "bigint"), col("v", "text")), List.of(List.of("id")));
    TablePlan plan =
        TablePlanner.plan(TableSpec.of(T), Optional.of(keyed), Optional.of(keyed), ROW_HASH);
    assertThat(plan.keyless()).isFalse();
    assertThat(plan.keyNames()).containsExactly("id");
  }

  @Test
  void aKeylessTableWithAColumnNamedLikeTheRowHashIsRefused() {
    TableSchema clash =
        schema(List.of(col("v", "text"), col(TablePlan.ROW_HASH, "bigint")), List.of());
    TableSchema plain = schema(List.of(col("v", "text")), List.of());
    for (List<TableSchema> sides : List.of(List.of(clash, plain), List.of(plain, clash))) {
      assertThatThrownBy(
              () ->
                  TablePlanner.plan(
                      TableSpec.of(T),
                      Optional.of(sides.get(0)),
                      Optional.of(sides.get(1)),
                      ROW_HASH))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("has a column of that name")
          .hasMessageContaining("key: [column, ...]");
    }
  }

  @Test
  void aKeylessTableCannotMaskColumnsItsRowHashIsMadeOf() {
    TableSchema noKey = schema(List.of(col("v", "text"), col("secret", "text")), List.of());
    TableSpec masked =
        new TableSpec(T, List.of(), List.of(), List.of(), null, null, List.of("secret"));
    assertThatThrownBy(
            () -> TablePlanner.plan(masked, Optional.of(noKey), Optional.of(noKey), ROW_HASH))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("mask names secret")
        .hasMessageContaining("ignore-columns");
  }

  @Test
  void aComputedKeyMustNotBeOneOfTheComparedColumns() {
    ColumnInfo key = ColumnInfo.computed(TablePlan.ROW_HASH, "h()");
    ColumnInfo v = col("v", "text");
    assertThatThrownBy(() -> new TablePlan(T, List.of(key), List.of(key, v), null, List.of(), true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new TablePlan(
                    T,
                    List.of(ColumnInfo.computed("other", "h()")),
                    List.of(v),
                    null,
                    List.of(),
                    true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new TablePlan(T, List.of(key), List.of(v), null, List.of(), true).keyless())
        .isTrue();
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
