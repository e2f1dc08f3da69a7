package io.pgparity.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.failure.CompareException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The one-line messages of failed queries, and what they keep of the server's words. */
class QueryFailuresTests {

  @Test
  void aDataExceptionWithholdsTheQuotedValueInTheMessageAndTheCause() {
    SQLException server =
        new SQLException(
            "ERROR: invalid input syntax for type integer: \"tok-4b1d-secret\"", "22P02");

    CompareException e = QueryFailures.describe("public.users rows", Side.REPLICA, server);

    assertThat(e.getMessage())
        .isEqualTo(
            "public.users rows: query failed on the replica: ERROR: invalid input syntax for type integer:"
                + " \"(value withheld)\" [22P02]; a value did not fit its type; check casts in the table's where"
                + " filter (the server log shows the value)");
    assertThat(stackTrace(e)).doesNotContain("tok-4b1d-secret");
    assertThat(FailureKind.of(e)).as("the SQLSTATE is kept").isEqualTo(FailureKind.PERMANENT);
    assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("22P02");
  }

  @Test
  void otherFailuresKeepTheServersWordsAndTheDriversException() {
    SQLException server = new SQLException("ERROR: permission denied for table \"users\"", "42501");

    CompareException e = QueryFailures.describe("public.users: catalog", Side.PRIMARY, server);

    assertThat(e.getMessage()).contains("permission denied for table \"users\" [42501]");
    assertThat(e.getCause()).isSameAs(server);
  }

  private static String stackTrace(Throwable t) {
    StringWriter text = new StringWriter();
    t.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
