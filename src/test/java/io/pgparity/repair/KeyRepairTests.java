package io.pgparity.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.TableSchema;
import io.pgparity.compare.Divergence;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.table.TableRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyRepairTests {

  /** A column as the catalog reads it for repair: only its name, type, generated and identity. */
  private static ColumnInfo column(String name, String type, boolean generated, char identity) {
    return new ColumnInfo(name, type, type, "pg_catalog", 'U', 'b', false, generated, identity);
  }

  private static final TableRef TABLE = new TableRef("app", "t");
  private static final TableSchema FACTS =
      TableSchema.of(
          TABLE,
          List.of(column("id", "integer", false, ' '), column("v", "text", false, ' ')),
          'r',
          List.of());
  private static final String T = "\"app\".\"t\"";
  private final KeyRepair replica =
      new KeyRepair(FACTS, RepairTarget.REPLICA, List.of("id"), List.of("id", "v"));

  @Test
  void aKeyWithOneRowEachSideIsUpdatedInPlaceAsBefore() {
    KeyRepair.Outcome outcome =
        replica.repair(
            List.of(
                new Divergence(
                    TABLE,
                    key("1"),
                    DivergenceKind.CHANGED,
                    List.of("v"),
                    row("1", "new"),
                    row("1", "old"))),
            List.of(row("1", "old")),
            List.of(row("1", "new")));

    assertThat(outcome.statements())
        .singleElement()
        .extracting(RepairStatement::sql)
        .isEqualTo(
            "UPDATE "
                + T
                + " SET \"v\" = 'new'::text WHERE \"id\" = '1'::integer"
                + " AND (\"id\"::text COLLATE \"C\" = '1' AND \"v\"::text COLLATE \"C\" = 'old');");
  }

  @Test
  void exactlyTheSurplusCopiesAreDeletedOneStatementEach() {
    KeyRepair.Outcome outcome =
        replica.repair(
            List.of(extra("1", "a"), extra("1", "b")),
            List.of(row("1", "a"), row("1", "b"), row("1", "a")),
            List.of(row("1", "a")));

    String a =
        "\"id\" = '1'::integer AND (\"id\"::text COLLATE \"C\" = '1' AND \"v\"::text COLLATE \"C\" = 'a')";
    assertThat(outcome.statements())
        .extracting(RepairStatement::sql)
        .containsExactly(
            "DELETE FROM "
                + T
                + " WHERE (tableoid, ctid) = (SELECT tableoid, ctid FROM "
                + T
                + " WHERE "
                + a
                + " LIMIT 1)"
                + " AND (SELECT count(*) FROM "
                + T
                + " WHERE "
                + a
                + ") = 2;",
            "DELETE FROM "
                + T
                + " WHERE (tableoid, ctid) = (SELECT tableoid, ctid FROM "
                + T
                + " WHERE \"id\" = '1'::integer"
                + " AND (\"id\"::text COLLATE \"C\" = '1' AND \"v\"::text COLLATE \"C\" = 'b') LIMIT 1) AND (SELECT count(*)"
                + " FROM "
                + T
                + " WHERE \"id\" = '1'::integer AND (\"id\"::text COLLATE \"C\" = '1' AND \"v\"::text COLLATE"
                + " \"C\" = 'b')) = 1;");
    assertThat(outcome.agreeing()).isZero();
    assertThat(outcome.leftAlone()).isZero();
  }

  @Test
  void missingCopiesAreInsertedEachExpectingOneMoreCopyAndANullKeyIsNeverEqualsNull() {
    KeyRepair.Outcome outcome =
        replica.repair(
            List.of(missing(null, "x"), missing(null, "x")),
            List.of(),
            List.of(row(null, "x"), row(null, "x")));

    String match =
        "\"id\" IS NULL AND \"id\" IS NOT DISTINCT FROM NULL::integer"
            + " AND (\"id\"::text IS NULL AND \"v\"::text COLLATE \"C\" = 'x')";
    assertThat(outcome.statements())
        .extracting(RepairStatement::sql)
        .containsExactly(
            "INSERT INTO "
                + T
                + " (\"id\", \"v\") SELECT NULL::integer, 'x'::text WHERE (SELECT count(*) FROM "
                + T
                + " WHERE "
                + match
                + ") = 0;",
            "INSERT INTO "
                + T
                + " (\"id\", \"v\") SELECT NULL::integer, 'x'::text WHERE (SELECT count(*) FROM "
                + T
                + " WHERE "
                + match
                + ") = 1;");
  }

  @Test
  void moreSurplusCopiesThanVerifyReportedAreLeftAloneAndCounted() {
    KeyRepair.Outcome outcome =
        replica.repair(
            List.of(extra("1", "a")),
            List.of(row("1", "a"), row("1", "a"), row("1", "a")),
            List.of(row("1", "a")));

    assertThat(outcome.statements())
        .singleElement()
        .extracting(RepairStatement::sql)
        .asString()
        .endsWith(") = 3;");
    assertThat(outcome.leftAlone()).isEqualTo(1);
  }

  @Test
  void copiesThatAgreeNowNeedNothingAndCountAsAgreeing() {
    KeyRepair.Outcome outcome =
        replica.repair(
            List.of(extra("1", "a"), extra("1", "a")),
            List.of(row("1", "a"), row("1", "a")),
            List.of(row("1", "a"), row("1", "a")));

    assertThat(outcome.statements()).isEmpty();
    assertThat(outcome.agreeing()).isEqualTo(2);
  }

  @Test
  void forThePrimaryTheReportedCopiesAreThePrimarysOnes() {
    KeyRepair primary =
        new KeyRepair(FACTS, RepairTarget.PRIMARY, List.of("id"), List.of("id", "v"));

    // the primary holds 1/a twice, the replica (now the source) once
    KeyRepair.Outcome outcome =
        primary.repair(
            List.of(missing("1", "a")),
            List.of(row("1", "a"), row("1", "a")),
            List.of(row("1", "a")));

    assertThat(outcome.statements())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.kind()).isEqualTo(RepairKind.DELETE);
              assertThat(s.sql()).endsWith(") = 2;");
            });
  }

  private static Divergence extra(String id, String v) {
    return new Divergence(
        TABLE, key(id), DivergenceKind.EXTRA_ON_REPLICA, List.of(), null, row(id, v));
  }

  private static Divergence missing(String id, String v) {
    return new Divergence(
        TABLE, key(id), DivergenceKind.MISSING_ON_REPLICA, List.of(), row(id, v), null);
  }

  private static Map<String, String> key(String id) {
    Map<String, String> key = new LinkedHashMap<>();
    key.put("id", id);
    return key;
  }

  private static Map<String, String> row(String id, String v) {
    Map<String, String> row = key(id);
    row.put("v", v);
    return row;
  }
}
