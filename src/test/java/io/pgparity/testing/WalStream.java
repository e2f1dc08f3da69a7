package io.pgparity.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.core.BaseConnection;

/**
 * A standby's WAL stream from its primary, cut and restored through primary_conninfo: streaming is
 * pulled by the standby's WAL receiver, so without one the primary has no way to send WAL.
 */
final class WalStream {

  private final ServerSql primary;
  private final ServerSql standby;
  private final String slot;
  private final String conninfo;

  private WalStream(ServerSql primary, ServerSql standby, String slot, String conninfo) {
    this.primary = primary;
    this.standby = standby;
    this.slot = slot;
    this.conninfo = conninfo;
  }

  /** Remembers the primary_conninfo pg_basebackup -R wrote, so a cut stream can be restored. */
  static WalStream of(ServerSql primary, ServerSql standby, String slot) {
    String conninfo = standby.text("SELECT current_setting('primary_conninfo')");
    if (conninfo == null || conninfo.isBlank()) {
      throw new IllegalStateException(
          standby.name() + " has no primary_conninfo; pg_basebackup must run with -R");
    }
    return new WalStream(primary, standby, slot, conninfo);
  }

  /** Stops the WAL receiver and returns once it is gone and the primary's slot is inactive. */
  void cut(Duration timeout) {
    setConninfo("");
    ServerSql.await(
        "the WAL receiver of " + standby.name() + " has stopped",
        timeout,
        () -> receiverStatus() == null && !slotActive(),
        this::state);
  }

  /** Restores primary_conninfo and returns once the WAL receiver streams again. */
  void restore(Duration timeout) {
    setConninfo(conninfo);
    ServerSql.await(
        "the WAL receiver of " + standby.name() + " streams again",
        timeout,
        () -> "streaming".equals(receiverStatus()) && slotActive(),
        this::state);
  }

  /** The WAL receiver's status and the slot's activity, for timeout messages. */
  String state() {
    String status = receiverStatus();
    return "WAL receiver "
        + (status == null ? "not running" : status)
        + ", slot "
        + slot
        + (slotActive() ? " active" : " inactive");
  }

  private String receiverStatus() {
    return standby.text("SELECT status FROM pg_stat_wal_receiver");
  }

  private boolean slotActive() {
    return primary.test("SELECT active FROM pg_replication_slots WHERE slot_name = ?", slot);
  }

  // ALTER SYSTEM is a utility statement and takes no bind parameters: the value is quoted by the
  // driver's own literal escaping instead, on the connection that runs it
  private void setConninfo(String value) {
    try (Connection connection = standby.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      String literal = connection.unwrap(BaseConnection.class).escapeString(value);
      statement.execute("ALTER SYSTEM SET primary_conninfo = '" + literal + "'");
      statement.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IllegalStateException(
          standby.name() + ": cannot change primary_conninfo: " + e.getMessage(), e);
    }
  }
}
