package io.pgparity.repair;

import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.failure.CompareException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The one writable session pgparity ever opens: to a repair's target, for {@code --apply} only.
 * Every other connection of pgparity is read-only; this one is plain, named {@code pgparity-repair}
 * in pg_stat_activity, and gets its settings from repair.sql itself.
 */
public final class TargetConnection {

  private TargetConnection() {}

  /** Connects; a failure names the side, the server (without secrets) and the fix. */
  public static Connection open(RepairTarget target, ConnectionSpec spec) {
    Properties properties = new Properties();
    if (spec.password() != null) {
      properties.setProperty("password", spec.password());
    }
    properties.setProperty("ApplicationName", "pgparity-repair");
    properties.setProperty("connectTimeout", "10");
    try {
      return DriverManager.getConnection(spec.url(), properties);
    } catch (SQLException e) {
      String state = String.valueOf(e.getSQLState());
      String remedy =
          state.startsWith("28")
              ? "check the user and password (PGPARITY_" + target.name() + "_PASSWORD or ~/.pgpass)"
              : "check the host, port and database, and that the server accepts connections from here";
      throw new CompareException(
          "cannot connect to the "
              + target.label()
              + " "
              + PasswordResolver.redact(spec.url())
              + " to apply repair.sql: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
              + " ["
              + state
              + "]; "
              + remedy,
          e);
    }
  }

  /** Whether the server is a hot standby (in recovery), which no statement can write to. */
  public static boolean inRecovery(Connection connection) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT pg_is_in_recovery()");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
