package io.pgparity.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlIdentifierTests {

  @Test
  void quotesEveryIdentifierAndDoublesEmbeddedQuotes() {
    assertThat(SqlIdentifier.quote("users")).isEqualTo("\"users\"");
    assertThat(SqlIdentifier.quote("Mixed Case")).isEqualTo("\"Mixed Case\"");
    assertThat(SqlIdentifier.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(SqlIdentifier.quote("x; DROP TABLE t; --")).isEqualTo("\"x; DROP TABLE t; --\"");
  }

  @Test
  void quotesTablesAsSchemaDotName() {
    assertThat(SqlIdentifier.quote(new TableRef("My.Schema", "t\"1")))
        .isEqualTo("\"My.Schema\".\"t\"\"1\"");
  }

  @Test
  void rejectsEmptyNamesAndNul() {
    assertThatThrownBy(() -> SqlIdentifier.quote("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlIdentifier.quote("a\0b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
