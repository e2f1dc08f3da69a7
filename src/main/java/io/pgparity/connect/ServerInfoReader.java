package io.pgparity.connect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads what the report says about a server: version, database and cluster identity. */
public final class ServerInfoReader {

  private static final String SQL =
      """
      SELECT current_setting('server_version'), current_database(),
             CASE WHEN has_function_privilege('pg_control_system()', 'EXECUTE')
                  THEN (SELECT system_identifier::text FROM pg_control_system()) END,
             coalesce(host(inet_server_addr()), 'local socket')
      """;

  private ServerInfoReader() {}

  /**
   * Reads the info over a connection of the pool; the system identifier is "unknown" without
   * privilege.
   */
  public static ServerInfo read(ServerPool pool, String urlHost) throws SQLException {
    try (Connection connection = pool.connection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(SQL)) {
      rs.next();
      String systemIdentifier = rs.getString(3);
      ServerInfo info =
          new ServerInfo(
              urlHost,
              rs.getString(2),
              rs.getString(1),
              systemIdentifier == null
                  ? "unknown (grant EXECUTE on pg_control_system())"
                  : systemIdentifier);
      connection.rollback();
      return info;
    }
  }

  /** The host:port part of a pgjdbc URL, for reports. */
  public static String host(String url) {
    String server = ConnectionFailures.server(url);
    int slash = server.indexOf('/');
    return slash < 0 ? server : server.substring(0, slash);
  }
}
