package io.pgparity.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.ColumnInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnEncodingTests {

  @Test
  void typesWhoseHashFollowsIdentityAreHashedAsTheyAre() {
    assertThat(ColumnEncoding.expressions(builtIn("id", "int8", 'N'))).containsExactly("\"id\"");
    assertThat(ColumnEncoding.expressions(builtIn("at", "timestamptz", 'D'))).containsExactly("\"at\"");
  }

  @Test
  void equalButNotIdenticalValuesAreEncodedApart() {
    // numeric: value and display scale; NaN and the infinities (no scale, type hash 0) by their text
    assertThat(ColumnEncoding.expressions(builtIn("n", "numeric", 'N')))
        .containsExactly(
            "\"n\"::numeric", "scale(\"n\"::numeric)", "CASE WHEN scale(\"n\"::numeric) IS NULL THEN \"n\"::numeric::text END");
    assertThat(ColumnEncoding.expressions(builtIn("f", "float8", 'N')).get(0)).startsWith("float8send(");
    assertThat(ColumnEncoding.expressions(builtIn("f", "float4", 'N')).get(0)).startsWith("float4send(");
    assertThat(ColumnEncoding.expressions(builtIn("i", "interval", 'T'))).containsExactly("interval_send(\"i\")");
    assertThat(ColumnEncoding.expressions(builtIn("t", "text", 'S'))).containsExactly("\"t\"::text COLLATE \"C\"");
  }

  @Test
  void typesWithoutATrustedIdentityHashUseTheirTextOutput() {
    assertThat(ColumnEncoding.expressions(builtIn("j", "jsonb", 'U'))).containsExactly("\"j\"::text COLLATE \"C\"");
    assertThat(ColumnEncoding.expressions(builtIn("a", "_int4", 'A'))).containsExactly("\"a\"::text COLLATE \"C\"");
    ColumnInfo citext = new ColumnInfo("c", "citext", "citext", "public", 'S', 'b', false);
    assertThat(ColumnEncoding.expressions(citext)).containsExactly("\"c\"::text COLLATE \"C\"");
    ColumnInfo mood = new ColumnInfo("m", "mood", "mood", "public", 'E', 'e', false);
    assertThat(ColumnEncoding.expressions(mood)).containsExactly("\"m\"::text COLLATE \"C\"");
  }

  @Test
  void theRowHashMixesTheRecordHashSoSumsAreNotLinear() {
    String hash = RowHashSql.rowHash(List.of(builtIn("id", "int8", 'N'), builtIn("t", "text", 'S')));
    assertThat(hash).isEqualTo("hashint8extended(hash_record_extended(ROW(\"id\", \"t\"::text COLLATE \"C\"), 0), 0)");
  }

  private static ColumnInfo builtIn(String name, String baseType, char category) {
    return new ColumnInfo(name, baseType, baseType, "pg_catalog", category, 'b', false);
  }
}
