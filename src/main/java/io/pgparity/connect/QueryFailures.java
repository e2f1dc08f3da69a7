package io.pgparity.connect;

import io.pgparity.compare.CompareException;
import io.pgparity.config.LiveTuning;
import java.sql.SQLException;

/** Turns a failed query into one line: the object first, the side, the server's words, the remedy. */
final class QueryFailures {

  private static final String MORE_RETRIES = "raise retries (at most " + LiveTuning.MAX_RETRIES + ")";

  private QueryFailures() {}

  static CompareException describe(String what, Side side, SQLException e) {
    String state = String.valueOf(e.getSQLState());
    String remedy =
        switch (state) {
          case "42501" -> "grant SELECT on the table to the checking role on the " + side.label();
          case "57014" -> "the statement-timeout was reached; raise statement-timeout or lower chunk-rows";
          case "55P03" -> "a lock was not granted within lock-timeout (DDL in progress?); retry later";
          case "40001" -> "the standby cancelled the query (conflict with recovery); retry, or raise"
              + " max_standby_streaming_delay / enable hot_standby_feedback";
          case "42883", "42846" -> "a column type has no text output or cast; exclude it with ignore-columns";
          case "42601", "42703", "42P01" -> "check the table's where filter and columns in the job";
          default -> state.startsWith("08") ? "the connection was lost; check the server and network" : "see the server log";
        };
    return new CompareException(what + ": query failed on the " + side.label() + ": " + serverWords(e) + " [" + state + "]; " + remedy, e);
  }

  /** A transient failure that outlasted every retry: what, where, the last error, how often, the fix. */
  static RetriesExhaustedException exhausted(String what, Side side, SQLException e, RetryPolicy policy) {
    String state = String.valueOf(e.getSQLState());
    String remedy =
        switch (state) {
          case "40001" -> side == Side.REPLICA
              ? "the standby cancels queries that conflict with WAL replay: raise max_standby_streaming_delay"
                  + " or enable hot_standby_feedback on the replica, or " + MORE_RETRIES
              : "retry later, or " + MORE_RETRIES;
          case "40P01" -> "retry when the workload is quieter, or " + MORE_RETRIES;
          default -> "check that the " + side.label() + " is up (see its log) and the network between,"
              + " or " + MORE_RETRIES;
        };
    int attempts = policy.attempts();
    return new RetriesExhaustedException(
        what + ": query failed on the " + side.label() + " after " + attempts + (attempts == 1 ? " attempt" : " attempts")
            + " (retries: " + policy.retries() + "): " + serverWords(e) + " [" + state + "]; " + remedy,
        side,
        attempts,
        e);
  }

  private static String serverWords(SQLException e) {
    return e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
  }
}
