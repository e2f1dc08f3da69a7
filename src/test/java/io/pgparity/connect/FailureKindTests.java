package io.pgparity.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.failure.CompareException;
import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Which failures are retried, which are split and which are final. */
class FailureKindTests {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "40001, TRANSIENT", // conflict with recovery on a hot standby, serialization failure
    "40P01, TRANSIENT", // deadlock
    "08000, TRANSIENT",
    "08001, TRANSIENT", // cannot connect
    "08003, TRANSIENT", // connection does not exist (closed by the pool after a break)
    "08006, TRANSIENT", // pgjdbc's I/O error
    "57P01, TRANSIENT", // pg_terminate_backend, admin shutdown
    "57P02, TRANSIENT", // crash shutdown
    "57P03, TRANSIENT", // cannot connect now
    "57014, TIMEOUT", // statement_timeout
    "55P03, PERMANENT", // lock_timeout: DDL holds the table; not ours to wait out
    "42501, PERMANENT",
    "42P01, PERMANENT",
    "25006, PERMANENT", // read-only transaction
    "57P04, PERMANENT", // database dropped (a standby's conflict of that kind)
    "40002, PERMANENT", // integrity constraint violation inside class 40
  })
  void sqlStatesAreClassified(String state, FailureKind kind) {
    assertThat(FailureKind.ofState(state)).isEqualTo(kind);
    assertThat(FailureKind.of(new SQLException("server words", state))).isEqualTo(kind);
  }

  @Test
  void theDriversOwnExceptionsAreClassifiedByTheirState() {
    assertThat(
            FailureKind.of(
                new PSQLException(
                    "An I/O error occurred while sending to the backend.",
                    PSQLState.CONNECTION_FAILURE,
                    new SocketException("Connection reset"))))
        .isEqualTo(FailureKind.TRANSIENT);
    assertThat(
            FailureKind.of(
                new PSQLException(
                    "canceling statement due to statement timeout", PSQLState.QUERY_CANCELED)))
        .isEqualTo(FailureKind.TIMEOUT);
  }

  @Test
  void theStateIsFoundAlongTheCauses() {
    SQLException timeout =
        new SQLException("canceling statement due to statement timeout", "57014");
    assertThat(
            FailureKind.of(new CompareException("public.t heap slice 1/1: query failed", timeout)))
        .isEqualTo(FailureKind.TIMEOUT);
    assertThat(
            FailureKind.of(
                new SideFailure(Side.REPLICA, new SQLException("conflict with recovery", "40001"))))
        .isEqualTo(FailureKind.TRANSIENT);
    // the pool's time-out carries the last connect failure's state
    assertThat(FailureKind.of(new SQLTransientConnectionException("pool timed out", "28P01")))
        .isEqualTo(FailureKind.PERMANENT);
  }

  @Test
  void withoutAStateALostConnectionIsTransientAndAnythingElsePermanent() {
    assertThat(FailureKind.of(new SQLTransientConnectionException("pool timed out")))
        .isEqualTo(FailureKind.TRANSIENT);
    assertThat(FailureKind.of(new SQLException("wrapped", new IOException("broken pipe"))))
        .isEqualTo(FailureKind.TRANSIENT);
    assertThat(FailureKind.of(new SQLException("no state"))).isEqualTo(FailureKind.PERMANENT);
    assertThat(FailureKind.of(new IllegalStateException("a bug"))).isEqualTo(FailureKind.PERMANENT);
    assertThat(FailureKind.ofState(null)).isEqualTo(FailureKind.PERMANENT);
  }
}
