package io.pgparity.connect;

import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.failure.CompareException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a failed connection into one line that names the side, the server and the fix. */
final class ConnectionFailures {

  private static final Pattern HOST_PORT = Pattern.compile("jdbc:postgresql://([^/?]*)(/([^?]*))?");

  private ConnectionFailures() {}

  static CompareException describe(Side side, ConnectionSpec spec, Throwable failure) {
    SQLException sql = findSql(failure);
    String where = side.label() + " " + server(spec.url());
    String state = sql == null ? "" : String.valueOf(sql.getSQLState());
    String detail = sql == null ? String.valueOf(failure.getMessage()) : sql.getMessage();
    String remedy;
    if (state.equals("28P01") || state.equals("28000")) {
      remedy = "check the user and password (job file password: ${VAR}, ~/.pgpass or the URL)";
    } else if (state.equals("3D000")) {
      remedy = "check the database name in the URL";
    } else if (state.startsWith("08") || detail.contains("Connection refused")) {
      remedy = "check the host and port, and that the server accepts TCP connections from here";
    } else if (state.equals("42501")) {
      remedy = "grant the checking role CONNECT and SELECT (or pg_read_all_data)";
    } else {
      remedy = "see the server log for details";
    }
    return new CompareException(
        "cannot connect to the " + where + ": " + firstLine(detail) + " [" + state + "]; " + remedy,
        failure);
  }

  /**
   * {@code host:port/database} from a pgjdbc URL, never its parameters (they may hold a password).
   */
  static String server(String url) {
    Matcher m = HOST_PORT.matcher(url);
    if (!m.lookingAt()) {
      return "(unparsable URL)";
    }
    return m.group(1) + (m.group(3) == null ? "" : "/" + m.group(3));
  }

  /**
   * The driver's own exception if there is one (it carries the server's SQLSTATE), else any
   * SQLException.
   */
  static SQLException findSql(Throwable failure) {
    SQLException any = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof org.postgresql.util.PSQLException e) {
        return e;
      }
      if (t instanceof SQLException e && any == null) {
        any = e;
      }
    }
    return any;
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
