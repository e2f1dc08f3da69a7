package io.pgparity.evidence;

import io.pgparity.live.Lsn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads where a server's WAL is, for the manifest: the replayed position on a server in recovery (a
 * standby), else the written position ({@code pg_current_wal_lsn()}). The same query serves both
 * sides; a promoted replica reports its own WAL, a standby how far it has replayed.
 */
public final class WalPositionReader {

  static final String SQL =
      "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()"
          + " ELSE pg_current_wal_lsn() END::text";

  private WalPositionReader() {}

  /** The position now, or null on a standby that has not replayed anything yet. */
  public static Lsn read(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(SQL)) {
      rs.next();
      String text = rs.getString(1);
      return text == null ? null : Lsn.parse(text);
    }
  }
}
