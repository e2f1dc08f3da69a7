package io.pgparity.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.ColumnInfo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ColumnEncodingTests {

  @Test
  void typesWhoseHashSeesEveryStoredBitAreHashedAsTheyAre() {
    assertThat(ColumnEncoding.expressions(builtIn("n", "int4", 'N'))).containsExactly("\"n\"");
    assertThat(ColumnEncoding.expressions(builtIn("u", "uuid", 'U'))).containsExactly("\"u\"");
    assertThat(ColumnEncoding.expressions(builtIn("ip", "inet", 'I'))).containsExactly("\"ip\"");
  }

  @Test
  void sixtyFourBitAndEqualButNotIdenticalValuesUseTheirSendForm() {
    assertThat(ColumnEncoding.expressions(builtIn("id", "int8", 'N')))
        .containsExactly("int8send(\"id\")");
    assertThat(ColumnEncoding.expressions(builtIn("at", "timestamptz", 'D')))
        .containsExactly("timestamptz_send(\"at\")");
    assertThat(ColumnEncoding.expressions(builtIn("t", "timetz", 'D')))
        .containsExactly("timetz_send(\"t\")");
    assertThat(ColumnEncoding.expressions(builtIn("m", "money", 'N')))
        .containsExactly("cash_send(\"m\")");
    assertThat(ColumnEncoding.expressions(builtIn("x", "xid8", 'U')))
        .containsExactly("xid8send(\"x\")");
    assertThat(ColumnEncoding.expressions(builtIn("i", "interval", 'T')))
        .containsExactly("interval_send(\"i\")");
    assertThat(ColumnEncoding.expressions(builtIn("n", "numeric", 'N')))
        .containsExactly("numeric_send(\"n\")");
    assertThat(ColumnEncoding.expressions(builtIn("b", "bpchar", 'S')))
        .containsExactly("bpcharsend(\"b\")");
    assertThat(ColumnEncoding.expressions(builtIn("f", "float8", 'N')))
        .containsExactly(
            "float8send(CASE WHEN \"f\" = 'NaN'::float8 THEN 'NaN'::float8 ELSE \"f\" END)");
    assertThat(ColumnEncoding.expressions(builtIn("f", "float4", 'N')).get(0))
        .startsWith("float4send(");
    assertThat(ColumnEncoding.expressions(builtIn("t", "text", 'S')))
        .containsExactly("\"t\"::text COLLATE \"C\"");
  }

  @Test
  void typesWithoutATrustedIdentityHashUseTheirTextOutput() {
    assertThat(ColumnEncoding.expressions(builtIn("j", "jsonb", 'U')))
        .containsExactly("\"j\"::text COLLATE \"C\"");
    assertThat(ColumnEncoding.expressions(builtIn("a", "_int4", 'A')))
        .containsExactly("\"a\"::text COLLATE \"C\"");
    ColumnInfo citext = new ColumnInfo("c", "citext", "citext", "public", 'S', 'b', false);
    assertThat(ColumnEncoding.rule(citext)).isEqualTo(TypeRule.EXTENSION_TEXT);
    assertThat(ColumnEncoding.expressions(citext)).containsExactly("\"c\"::text COLLATE \"C\"");
    ColumnInfo mood = new ColumnInfo("m", "mood", "mood", "public", 'E', 'e', false);
    assertThat(ColumnEncoding.rule(mood)).isEqualTo(TypeRule.ENUM_TEXT);
    assertThat(ColumnEncoding.expressions(mood)).containsExactly("\"m\"::text COLLATE \"C\"");
    assertThat(ColumnEncoding.rule(builtIn("x", "some_future_type", 'U')))
        .isEqualTo(TypeRule.UNLISTED_TEXT);
  }

  @Test
  void droppingAPartFallsBackToTheNaiveForm() {
    assertThat(
            ColumnEncoding.expressions(
                builtIn("id", "int8", 'N'), EnumSet.of(EncodingPart.INT8_SEND)))
        .containsExactly("\"id\"");
    assertThat(
            ColumnEncoding.expressions(
                builtIn("b", "bpchar", 'S'), EnumSet.of(EncodingPart.BPCHAR_BLANKS)))
        .containsExactly("\"b\"::text COLLATE \"C\"");
    assertThat(
            ColumnEncoding.expressions(
                builtIn("t", "text", 'S'), EnumSet.of(EncodingPart.C_COLLATION)))
        .containsExactly("\"t\"::text");
  }

  @Test
  void theRowHashMixesTheFull64BitRecordHashOnce() {
    String hash =
        RowHashSql.rowHash(List.of(builtIn("id", "int8", 'N'), builtIn("t", "text", 'S')));
    assertThat(hash)
        .isEqualTo(
            "hash_record_extended(ROW(int8send(hash_record_extended(ROW(int8send(\"id\"), \"t\"::text COLLATE \"C\"), 0))), 0)");
    assertThat(
            RowHashSql.rowHash(
                List.of(builtIn("id", "int8", 'N')), EnumSet.of(EncodingPart.FINAL_MIX)))
        .isEqualTo("hash_record_extended(ROW(int8send(\"id\")), 0)");
  }

  @Test
  void moreFieldsThanOneRowTakesAreNested() {
    List<String> parts = new ArrayList<>(IntStream.range(0, 3201).mapToObj(i -> "c" + i).toList());
    String row = RowHashSql.row(parts);
    assertThat(row)
        .startsWith("ROW(ROW(c0, c1, ")
        .contains("c1599), ROW(c1600, ")
        .endsWith("ROW(c3200))");
    assertThat(RowHashSql.row(parts.subList(0, 1600)))
        .startsWith("ROW(c0, ")
        .doesNotContain("ROW(ROW");
  }

  private static ColumnInfo builtIn(String name, String baseType, char category) {
    return new ColumnInfo(name, baseType, baseType, "pg_catalog", category, 'b', false);
  }
}
