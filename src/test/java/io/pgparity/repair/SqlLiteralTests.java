package io.pgparity.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlLiteralTests {

  @Test
  void nullIsATypedNull() {
    assertThat(SqlLiteral.typed(null, "integer")).isEqualTo("NULL::integer");
    assertThat(SqlLiteral.typed(null, "t_s.mood[]")).isEqualTo("NULL::t_s.mood[]");
  }

  @Test
  void theEmptyStringAndTheTextNullAreNotNull() {
    assertThat(SqlLiteral.typed("", "text")).isEqualTo("''::text");
    assertThat(SqlLiteral.typed("NULL", "text")).isEqualTo("'NULL'::text");
  }

  @Test
  void quotesAreDoubledAndBackslashesStayAsTheyAre() {
    assertThat(SqlLiteral.quoted("it's")).isEqualTo("'it''s'");
    assertThat(SqlLiteral.quoted("''")).isEqualTo("''''''");
    assertThat(SqlLiteral.quoted("back\\slash \\N")).isEqualTo("'back\\slash \\N'");
    assertThat(SqlLiteral.quoted("\"q\"")).isEqualTo("'\"q\"'");
  }

  @Test
  void unicodeAndTabsNeedNoEscapes() {
    assertThat(SqlLiteral.quoted("日本 🙂 é ß\u2028")).isEqualTo("'日本 🙂 é ß\u2028'");
    assertThat(SqlLiteral.quoted("a\tb")).isEqualTo("'a\tb'");
  }

  @Test
  void lineBreaksAndControlCharactersUseAnEscapeStringOnOneLine() {
    assertThat(SqlLiteral.quoted("a\nb")).isEqualTo("E'a\\nb'");
    assertThat(SqlLiteral.quoted("a\r\nb")).isEqualTo("E'a\\r\\nb'");
    assertThat(SqlLiteral.quoted("it's\n\\")).isEqualTo("E'it''s\\n\\\\'");
    assertThat(SqlLiteral.quoted("bell\u0007del\u007f")).isEqualTo("E'bell\\x07del\\x7F'");
    assertThat(SqlLiteral.quoted("tab\tand\nline")).isEqualTo("E'tab\tand\\nline'");
    assertThat(SqlLiteral.typed("x\ny", "text")).doesNotContain("\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "NaN|double precision|'NaN'::double precision",
        "Infinity|real|'Infinity'::real",
        "-Infinity|numeric|'-Infinity'::numeric",
        "-0|double precision|'-0'::double precision",
        "1.500|numeric(10,3)|'1.500'::numeric(10,3)",
        "\\x00ff10|bytea|'\\x00ff10'::bytea",
        "{\"a\": [1, \"it's\"]}|jsonb|'{\"a\": [1, \"it''s\"]}'::jsonb",
        "{1,NULL,3}|integer[]|'{1,NULL,3}'::integer[]",
        "{\"NULL\",NULL,\"a,b\"}|text[]|'{\"NULL\",NULL,\"a,b\"}'::text[]",
        "it's \"fine\"|t_repair.mood|'it''s \"fine\"'::t_repair.mood",
        "2024-02-29 23:59:59.123456+00|timestamp with time zone|'2024-02-29 23:59:59.123456+00'::timestamp with time zone",
        "1 year 2 mons -3 days +04:05:06.789|interval|'1 year 2 mons -3 days +04:05:06.789'::interval",
        "ab|character(5)|'ab'::character(5)",
        "O'Brien|\"My Schema\".\"My Type\"|'O''Brien'::\"My Schema\".\"My Type\""
      })
  void valuesOfEveryTypeAreTheirTextCastToTheColumnType(String text, String type, String literal) {
    assertThat(SqlLiteral.typed(text, type)).isEqualTo(literal);
  }

  @Test
  void nulAndAMissingTypeAreRefused() {
    assertThatThrownBy(() -> SqlLiteral.quoted("a\0b")).hasMessageContaining("NUL");
    assertThatThrownBy(() -> SqlLiteral.typed("1", " ")).hasMessageContaining("type");
    assertThatThrownBy(() -> SqlLiteral.quoted(null)).hasMessageContaining("typed()");
  }
}
