package io.pgparity.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.TablePlan;
import io.pgparity.config.Shard;
import io.pgparity.table.TableRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The predicate AND-ed to a shard's filter: key hash modulo n, identifiers quoted, integers only.
 */
class ShardFilterTests {

  private static final TableRef TABLE = new TableRef("public", "t");
  private static final ColumnInfo ID =
      new ColumnInfo("id", "bigint", "int8", "pg_catalog", 'N', 'b', true);
  private static final ColumnInfo NAME =
      new ColumnInfo("Odd \"Name\"", "text", "text", "pg_catalog", 'S', 'b', true);
  private static final ColumnInfo COLOUR =
      new ColumnInfo("colour", "app.colour", "colour", "app", 'E', 'e', true);
  private static final ColumnInfo TAGS =
      new ColumnInfo("tags", "text[]", "_text", "pg_catalog", 'A', 'b', true);
  private static final ColumnInfo VALUE =
      new ColumnInfo("v", "integer", "int4", "pg_catalog", 'N', 'b', false);

  @Test
  void aBuiltInKeyIsHashedByItsOwnTypeHash() {
    assertThat(ShardFilter.predicate(List.of(ID), new Shard(2, 5)))
        .isEqualTo("mod(hash_record_extended(ROW(\"id\"), 0), 5) IN (2, -2)");
    assertThat(ShardFilter.predicate(List.of(ID, NAME), new Shard(0, 3)))
        .isEqualTo("mod(hash_record_extended(ROW(\"id\", \"Odd \"\"Name\"\"\"), 0), 3) IN (0)");
  }

  @Test
  void enumsArraysAndExtensionTypesAreHashedByTheirText() {
    assertThat(ShardFilter.predicate(List.of(COLOUR, TAGS), new Shard(1, 2)))
        .isEqualTo(
            "mod(hash_record_extended(ROW(\"colour\"::text COLLATE \"C\", \"tags\"::text COLLATE \"C\"), 0), 2)"
                + " IN (1, -1)");
  }

  @Test
  void thePredicateIsAndedToTheJobsFilterAndKeepsTheRestOfThePlan() {
    TablePlan plan =
        new TablePlan(TABLE, List.of(ID), List.of(ID, VALUE), "v > 0", List.of("a finding"), true);

    TablePlan sharded = ShardFilter.apply(plan, new Shard(1, 3));

    assertThat(sharded.where())
        .isEqualTo("(v > 0) AND mod(hash_record_extended(ROW(\"id\"), 0), 3) IN (1, -1)");
    assertThat(sharded.whereClause()).startsWith(" WHERE ((v > 0) AND mod(");
    assertThat(sharded.key()).isEqualTo(plan.key());
    assertThat(sharded.columns()).isEqualTo(plan.columns());
    assertThat(sharded.findings()).isEqualTo(plan.findings());
    assertThat(
            ShardFilter.apply(
                    new TablePlan(TABLE, List.of(ID), List.of(ID), null, List.of(), true),
                    new Shard(0, 2))
                .where())
        .isEqualTo("mod(hash_record_extended(ROW(\"id\"), 0), 2) IN (0)");
  }

  @Test
  void aTableThatCannotBeComparedIsLeftAsItIs() {
    TablePlan plan =
        new TablePlan(
            TABLE, List.of(), List.of(), null, List.of("table exists on the primary only"), false);

    assertThat(ShardFilter.apply(plan, new Shard(1, 3))).isSameAs(plan);
  }
}
