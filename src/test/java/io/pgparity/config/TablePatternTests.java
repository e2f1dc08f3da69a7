package io.pgparity.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.table.TableRef;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Patterns read as psql's \dt reads them, with the schema required and no regular expressions. */
class TablePatternTests {

  private static boolean matches(String pattern, String schema, String name) {
    return TablePattern.parse(pattern).matches(new TableRef(schema, name));
  }

  @Test
  void unquotedPartsFoldToLowerCaseAndTakeWildcards() {
    assertThat(matches("APP.Invoice_*", "app", "invoice_2024")).isTrue();
    assertThat(matches("app.invoice_*", "app", "invoice_")).isTrue();
    assertThat(matches("app.invoice_*", "App", "invoice_1")).isFalse();
    assertThat(matches("app.invoice_*", "app", "Invoice_1")).isFalse();
    assertThat(matches("app.t?", "app", "t1")).isTrue();
    assertThat(matches("app.t?", "app", "t12")).isFalse();
    assertThat(matches("app.t?", "app", "t")).isFalse();
    assertThat(matches("*.*", "any", "thing")).isTrue();
    assertThat(matches("app.*", "app2", "x")).isFalse();
  }

  @Test
  void doubleQuotesMakeAPartLiteral() {
    assertThat(matches("\"App\".\"T*\"", "App", "T*")).isTrue();
    assertThat(matches("\"App\".\"T*\"", "App", "Tx")).isFalse();
    assertThat(matches("\"App\".*", "app", "x")).isFalse();
    assertThat(matches("\"a.b\".c", "a.b", "c")).isTrue();
    assertThat(matches("\"a.b\".c", "a", "b.c")).isFalse();
    assertThat(matches("a.\"b.c\"*", "a", "b.c_old")).isTrue();
    assertThat(matches("a.\"say \"\"hi\"\"\"*", "a", "say \"hi\" there")).isTrue();
    // psql reads x"Y"z as one part: x and z fold, Y does not
    assertThat(matches("s.x\"Y\"z*", "s", "xYz1")).isTrue();
  }

  @Test
  void otherCharactersAreLiteralNotRegularExpressions() {
    assertThat(matches("app.t[0-9]*", "app", "t1")).isFalse();
    assertThat(matches("app.t[0-9]*", "app", "t[0-9]x")).isTrue();
    assertThat(matches("app.a+b*", "app", "aab")).isFalse();
    assertThat(matches("app.a$*", "app", "a$1")).isTrue();
    assertThat(matches("app.*", "app", "multi\nline")).isTrue();
  }

  @Test
  void onlyAsciiFoldsAsPostgresqlFoldsIdentifiersInUtf8() {
    assertThat(matches("ÄPP.*", "Äpp", "x")).isTrue();
    assertThat(matches("ÄPP.*", "äpp", "x")).isFalse();
  }

  @Test
  void wildcardsInsideQuotesDoNotMakeAPattern() {
    assertThat(TablePattern.hasWildcard("app.*")).isTrue();
    assertThat(TablePattern.hasWildcard("app.t?")).isTrue();
    assertThat(TablePattern.hasWildcard("app.\"t*\"")).isFalse();
    assertThat(TablePattern.hasWildcard("\"a\"\"*\".t")).isFalse();
    assertThat(TablePattern.hasWildcard("app.users")).isFalse();
  }

  @Test
  void badPatternsNameTheValueAndTheFix() {
    assertThatThrownBy(() -> TablePattern.parse("invoice_*"))
        .hasMessage(
            "table pattern 'invoice_*' must be schema.table where * and ? are wildcards, e.g."
                + " app.* (quote names that contain dots; --schema NAME selects a whole schema)");
    assertThatThrownBy(() -> TablePattern.parse("a.b.c*")).hasMessageContaining("'a.b.c*'");
    assertThatThrownBy(() -> TablePattern.parse("app.")).hasMessageContaining("'app.'");
    assertThatThrownBy(() -> TablePattern.parse("\"app.*")).hasMessageContaining("unclosed");
    assertThatThrownBy(() -> TablePattern.schema("a.b"))
        .hasMessage(
            "schema 'a.b' must be a schema name or pattern without a dot, e.g. app or 'tenant_*'"
                + " (double-quote a name that contains a dot)");
    assertThat(TablePattern.schema("\"a.b\"").matches(new TableRef("a.b", "t"))).isTrue();
    assertThat(TablePattern.schema("Tenant_*").matches(new TableRef("tenant_7", "t"))).isTrue();
  }

  @Test
  void aPatternWithoutWildcardsMatchesExactlyTheTableItsTextNames() {
    long seed = System.nanoTime();
    System.out.println("TablePatternTests seed " + seed);
    Random random = new Random(seed);
    String alphabet = "aZ_.\" *?$[]\\";
    for (int i = 0; i < 2_000; i++) {
      String schema = word(random, alphabet);
      String name = word(random, alphabet);
      TableRef table = new TableRef(schema, name);
      // quoted as SQL writes it, every character is literal, wildcards included
      TablePattern pattern = TablePattern.parse(quoted(table));
      assertThat(pattern.matches(table)).as("seed %d: %s", seed, table).isTrue();
      assertThat(pattern.matches(new TableRef(schema, name + "x"))).as("seed %d", seed).isFalse();
      assertThat(TablePattern.hasWildcard(quoted(table))).as("seed %d", seed).isFalse();
    }
  }

  private static String quoted(TableRef table) {
    return "\""
        + table.schema().replace("\"", "\"\"")
        + "\".\""
        + table.name().replace("\"", "\"\"")
        + "\"";
  }

  private static String word(Random random, String alphabet) {
    StringBuilder word = new StringBuilder();
    int length = 1 + random.nextInt(6);
    for (int i = 0; i < length; i++) {
      word.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return word.toString();
  }
}
