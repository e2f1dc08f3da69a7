package io.pgparity.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableRefTests {

  @Test
  void foldsUnquotedNamesToLowerCaseAsSqlDoes() {
    assertThat(TableRef.parse("Public.Users")).isEqualTo(new TableRef("public", "users"));
  }

  @Test
  void keepsCaseAndDotsInsideDoubleQuotes() {
    assertThat(TableRef.parse("\"My.Schema\".\"T\"\"x\""))
        .isEqualTo(new TableRef("My.Schema", "T\"x"));
  }

  @Test
  void requiresASchemaSoSearchPathNeverDecides() {
    assertThatThrownBy(() -> TableRef.parse("users"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema-qualified, e.g. public.users");
    assertThatThrownBy(() -> TableRef.parse("a.b.c")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TableRef.parse("\"open.t"))
        .hasMessageContaining("unclosed double quote");
  }

  @Test
  void unambiguousNamesTellADottedSchemaFromADottedTable() {
    TableRef dottedSchema = new TableRef("My Schema.We!rd \"Name\"", "x");
    TableRef dottedTable = new TableRef("My Schema", "We!rd \"Name\".x");
    assertThat(dottedSchema.toString()).isEqualTo(dottedTable.toString());
    assertThat(dottedSchema.unambiguous()).isEqualTo("\"My Schema.We!rd \"\"Name\"\"\".x");
    assertThat(dottedTable.unambiguous()).isEqualTo("\"My Schema\".\"We!rd \"\"Name\"\".x\"");
    assertThat(new TableRef("public", "users").unambiguous()).isEqualTo("public.users");
    assertThat(TableRef.parse(dottedTable.unambiguous())).isEqualTo(dottedTable);
    assertThat(TableRef.parse(dottedSchema.unambiguous())).isEqualTo(dottedSchema);
  }
}
