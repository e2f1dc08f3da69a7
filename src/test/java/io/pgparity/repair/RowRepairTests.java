package io.pgparity.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.TableSchema;
import io.pgparity.table.TableRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowRepairTests {

  /** A column as the catalog reads it for repair: only its name, type, generated and identity. */
  private static ColumnInfo column(String name, String type, boolean generated, char identity) {
    return new ColumnInfo(name, type, type, "pg_catalog", 'U', 'b', false, generated, identity);
  }

  private static final TableRef TABLE = new TableRef("app", "Items");
  private static final TableSchema FACTS =
      TableSchema.of(
          TABLE,
          List.of(
              column("id", "bigint", false, 'a'),
              column("name", "text", false, ' '),
              column("price", "numeric(10,2)", false, ' '),
              column("double", "numeric(10,2)", true, ' '),
              column("note", "app.\"Note Kind\"", false, ' ')),
          'r',
          List.of());
  private final RowRepair repair = new RowRepair(FACTS, List.of("id"));

  @Test
  void aRowOnlyTheSourceHasIsInsertedWholeWithoutItsGeneratedColumnAndKeepingItsIdentity() {
    RepairStatement statement =
        repair.decide(null, row("7", "it's", "1.50", "3.00", null)).orElseThrow();

    assertThat(statement.kind()).isEqualTo(RepairKind.INSERT);
    assertThat(statement.sql())
        .isEqualTo(
            "INSERT INTO \"app\".\"Items\" (\"id\", \"name\", \"price\", \"note\") OVERRIDING SYSTEM VALUE"
                + " SELECT '7'::bigint, 'it''s'::text, '1.50'::numeric(10,2), NULL::app.\"Note Kind\""
                + " WHERE NOT EXISTS (SELECT 1 FROM \"app\".\"Items\" WHERE \"id\" = '7'::bigint);");
  }

  @Test
  void aRowOnlyTheTargetHasIsDeletedIfItStillHoldsWhatVerifySaw() {
    RepairStatement statement =
        repair.decide(row("7", "a\nb", "1.50", "3.00", null), null).orElseThrow();

    assertThat(statement.kind()).isEqualTo(RepairKind.DELETE);
    assertThat(statement.sql())
        .isEqualTo(
            "DELETE FROM \"app\".\"Items\" WHERE \"id\" = '7'::bigint AND (\"id\"::text COLLATE \"C\" = '7'"
                + " AND \"name\"::text COLLATE \"C\" = E'a\\nb' AND \"price\"::text COLLATE \"C\" = '1.50'"
                + " AND \"double\"::text COLLATE \"C\" = '3.00' AND \"note\"::text IS NULL);");
  }

  @Test
  void aChangedRowGetsOnlyItsDifferingColumnsAndNeverItsGeneratedOne() {
    Map<String, String> seen = row("7", "old", "1.50", "3.00", "x");
    Map<String, String> source = row("7", "new", "1.5", "3.00", "x");

    RepairStatement statement = repair.decide(seen, source).orElseThrow();

    assertThat(statement.kind()).isEqualTo(RepairKind.UPDATE);
    assertThat(statement.sql())
        .startsWith(
            "UPDATE \"app\".\"Items\" SET \"name\" = 'new'::text, \"price\" = '1.5'::numeric(10,2)"
                + " WHERE \"id\" = '7'::bigint AND (\"id\"::text COLLATE \"C\" = '7' AND \"name\"::text COLLATE \"C\" = 'old'");
    assertThat(statement.note()).isNull();
  }

  @Test
  void anAlwaysIdentityColumnIsNotSetAndSaysSo() {
    RowRepair byName = new RowRepair(FACTS, List.of("name"));

    RepairStatement statement =
        byName.decide(row("7", "k", "1", "2", "x"), row("8", "k", "2", "2", "x")).orElseThrow();

    assertThat(statement.sql())
        .startsWith(
            "UPDATE \"app\".\"Items\" SET \"price\" = '2'::numeric(10,2) WHERE \"name\" = 'k'::text");
    assertThat(statement.note()).contains("not set: id", "GENERATED ALWAYS AS IDENTITY");
  }

  @Test
  void rowsThatAgreeNowOrAreGoneOnBothSidesNeedNothing() {
    Map<String, String> row = row("7", "same", "1.50", "3.00", null);

    assertThat(repair.decide(row, row)).isEmpty();
    assertThat(repair.decide(null, null)).isEmpty();
    // a difference in a column the source lacks (or only in a generated one) is nothing to write
    Map<String, String> source = row("7", "same", "1.50", "4.00", null);
    source.remove("note");
    assertThat(repair.decide(row("7", "same", "1.50", "3.00", "y"), source)).isEmpty();
  }

  @Test
  void aKeyColumnTheTargetLacksIsRefused() {
    assertThatThrownBy(() -> new RowRepair(FACTS, List.of("sku")))
        .hasMessageContaining("column sku of app.Items is no longer there; verify again");
  }

  private static Map<String, String> row(
      String id, String name, String price, String twice, String note) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("name", name);
    row.put("price", price);
    row.put("double", twice);
    row.put("note", note);
    return row;
  }
}
