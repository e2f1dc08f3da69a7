package io.pgparity.connect;

import io.pgparity.compare.CompareException;
import java.sql.SQLException;

/** Turns a failed query into one line: the object first, the side, the server's words, the remedy. */
final class QueryFailures {

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
    String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    return new CompareException(what + ": query failed on the " + side.label() + ": " + message + " [" + state + "]; " + remedy, e);
  }
}
