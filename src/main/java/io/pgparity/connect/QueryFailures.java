package io.pgparity.connect;

import io.pgparity.config.LiveTuning;
import io.pgparity.failure.CompareException;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Turns a failed query into one line: the object first, the side, the server's words, the remedy.
 * The server's words of a data exception (SQLSTATE class 22) quote the offending value, which can
 * be a row's, so its quoted parts are withheld, in the line and in the kept cause alike.
 */
final class QueryFailures {

  private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

  private static final String MORE_RETRIES =
      "raise retries (at most " + LiveTuning.MAX_RETRIES + ")";

  private QueryFailures() {}

  static CompareException describe(String what, Side side, SQLException e) {
    String state = String.valueOf(e.getSQLState());
    String remedy =
        switch (state) {
          case "42501" -> "grant SELECT on the table to the checking role on the " + side.label();
          case "57014" ->
              "the statement-timeout was reached; raise statement-timeout or lower chunk-rows";
          case "55P03" ->
              "a lock was not granted within lock-timeout (DDL in progress?); retry later";
          case "40001" ->
              "the standby cancelled the query (conflict with recovery); retry, or raise"
                  + " max_standby_streaming_delay / enable hot_standby_feedback";
          case "42883", "42846" ->
              "a column type has no text output or cast; exclude it with ignore-columns";
          case "42601", "42703", "42P01" -> "check the table's where filter and columns in the job";
          default ->
              state.startsWith("08")
                  ? "the connection was lost; check the server and network"
                  : state.startsWith("22")
                      ? "a value did not fit its type; check casts in the table's where filter (the server log shows the value)"
                      : "see the server log";
        };
    return new CompareException(
        what
            + ": query failed on the "
            + side.label()
            + ": "
            + serverWords(e)
            + " ["
            + state
            + "]; "
            + remedy,
        withheld(e));
  }

  /**
   * A transient failure that outlasted every retry: what, where, the last error, how often, the
   * fix.
   */
  static RetriesExhaustedException exhausted(
      String what, Side side, SQLException e, RetryPolicy policy) {
    String state = String.valueOf(e.getSQLState());
    String remedy =
        switch (state) {
          case "40001" ->
              side == Side.REPLICA
                  ? "the standby cancels queries that conflict with WAL replay: raise max_standby_streaming_delay"
                      + " or enable hot_standby_feedback on the replica, or "
                      + MORE_RETRIES
                  : "retry later, or " + MORE_RETRIES;
          case "40P01" -> "retry when the workload is quieter, or " + MORE_RETRIES;
          default ->
              "check that the "
                  + side.label()
                  + " is up (see its log) and the network between,"
                  + " or "
                  + MORE_RETRIES;
        };
    int attempts = policy.attempts();
    return new RetriesExhaustedException(
        what
            + ": query failed on the "
            + side.label()
            + " after "
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + " (retries: "
            + policy.retries()
            + "): "
            + serverWords(e)
            + " ["
            + state
            + "]; "
            + remedy,
        side,
        attempts,
        withheld(e));
  }

  private static String serverWords(SQLException e) {
    String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    return quotesValues(e) ? QUOTED.matcher(first).replaceAll("\"(value withheld)\"") : first;
  }

  /**
   * The driver's exception, or for a data exception a copy without the value (same SQLSTATE and
   * trace).
   */
  private static SQLException withheld(SQLException e) {
    if (!quotesValues(e)) {
      return e;
    }
    SQLException copy = new SQLException(serverWords(e), e.getSQLState());
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  private static boolean quotesValues(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("22");
  }
}
