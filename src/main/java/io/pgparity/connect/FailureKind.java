package io.pgparity.connect;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * What a failed query or connection means for the caller: worth trying again on a fresh connection
 * ({@link #TRANSIENT}), too big for the statement timeout so worth splitting ({@link #TIMEOUT}), or
 * a fault that repeating will not cure ({@link #PERMANENT}).
 */
public enum FailureKind {
  /** The connection broke or the server cancelled the query for reasons of its own. */
  TRANSIENT,
  /** The query was cancelled: statement_timeout (or a cancel request), SQLSTATE 57014. */
  TIMEOUT,
  /** Anything else: permission, syntax, lock timeout, a missing table. */
  PERMANENT;

  private static final String QUERY_CANCELED = "57014";

  private static final Set<String> TRANSIENT_STATES =
      Set.of(
          "40001", // serialization failure, and a hot standby's "conflict with recovery"
          "40P01", // deadlock detected
          "57P01", // admin shutdown, pg_terminate_backend
          "57P02", // crash shutdown
          "57P03"); // cannot connect now: the server is starting or in recovery

  /**
   * The kind of a failure, from the first SQLSTATE found along its causes (a {@code
   * CompareException} keeps the driver's exception as its cause). Without any SQLSTATE, an I/O
   * error or a driver exception that says the connection is gone counts as transient.
   */
  public static FailureKind of(Throwable failure) {
    boolean connectionGone = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException e && e.getSQLState() != null) {
        return ofState(e.getSQLState());
      }
      connectionGone |=
          t instanceof IOException
              || t instanceof SQLTransientConnectionException
              || t instanceof SQLRecoverableException;
    }
    return connectionGone ? TRANSIENT : PERMANENT;
  }

  /** The kind of a SQLSTATE; class 08 (connection exception) is transient as a whole. */
  public static FailureKind ofState(String sqlState) {
    if (QUERY_CANCELED.equals(sqlState)) {
      return TIMEOUT;
    }
    if (sqlState != null && (sqlState.startsWith("08") || TRANSIENT_STATES.contains(sqlState))) {
      return TRANSIENT;
    }
    return PERMANENT;
  }
}
