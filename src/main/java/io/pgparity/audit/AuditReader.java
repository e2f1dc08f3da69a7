package io.pgparity.audit;

import io.pgparity.audit.ReplicationState.Sender;
import io.pgparity.audit.ReplicationState.Slot;
import io.pgparity.audit.ReplicationState.Subscription;
import io.pgparity.config.ExpectKeys;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The audit's catalog queries; each runs in the caller's connection and transaction. */
final class AuditReader {

  private AuditReader() {}

  /** The audited settings this server has (a setting unknown to its version is left out). */
  static Map<String, SettingValue> settings(Connection connection) throws SQLException {
    Map<String, SettingValue> settings = new LinkedHashMap<>();
    String sql =
        "SELECT name, setting, unit, current_setting(name) FROM pg_settings"
            + " WHERE name = ANY (?) ORDER BY name";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      Array names = connection.createArrayOf("text", ExpectKeys.SETTINGS.toArray());
      statement.setArray(1, names);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          settings.put(
              rows.getString(1),
              new SettingValue(rows.getString(2), rows.getString(3), rows.getString(4)));
        }
      }
    }
    return settings;
  }

  /** The primary's WAL senders. */
  static List<Sender> senders(Connection connection) throws SQLException {
    String sql =
        "SELECT application_name, state, sync_state, write_lag::text, flush_lag::text, replay_lag::text"
            + " FROM pg_stat_replication ORDER BY application_name";
    List<Sender> senders = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        senders.add(
            new Sender(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                rows.getString(5),
                rows.getString(6)));
      }
    }
    return senders;
  }

  /**
   * The primary's replication slots with the WAL each holds back (none while it is in recovery).
   */
  static List<Slot> slots(Connection connection) throws SQLException {
    String sql =
        "SELECT slot_name, slot_type, active,"
            + " CASE WHEN restart_lsn IS NULL OR pg_is_in_recovery() THEN NULL"
            + " ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint END"
            + " FROM pg_replication_slots ORDER BY slot_name";
    List<Slot> slots = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        long retained = rows.getLong(4);
        slots.add(
            new Slot(
                rows.getString(1),
                rows.getString(2),
                rows.getBoolean(3),
                rows.wasNull() ? null : retained));
      }
    }
    return slots;
  }

  /** Whether the server is in recovery, i.e. a physical standby. */
  static boolean inRecovery(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_is_in_recovery()");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getBoolean(1);
    }
  }

  /**
   * pg_stat_wal_receiver's status (streaming, ...); null when no receiver runs; {@link
   * ReplicationState#HIDDEN} when one runs but the role may not see its status (only its pid).
   */
  static String receiverStatus(Connection connection) throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement("SELECT pid, status FROM pg_stat_wal_receiver");
        ResultSet rows = statement.executeQuery()) {
      if (!rows.next()) {
        return null;
      }
      String status = rows.getString(2);
      return status == null ? ReplicationState.HIDDEN : status;
    }
  }

  /**
   * The current role's name if it may not read other sessions' statistics (pg_read_all_stats, part
   * of pg_monitor; superusers may), else null: without it pg_stat_replication and
   * pg_stat_wal_receiver show their rows but not the state, sync state and lags.
   */
  static String roleWithoutStats(Connection connection) throws SQLException {
    String sql = "SELECT current_user, pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')";
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getBoolean(2) ? null : rows.getString(1);
    }
  }

  /**
   * The subscriptions of the current database; subconninfo is never read (it may hold a password).
   */
  static List<Subscription> subscriptions(Connection connection) throws SQLException {
    String sql =
        "SELECT s.subname, s.subenabled, max(st.last_msg_receipt_time)::text"
            + " FROM pg_subscription s LEFT JOIN pg_stat_subscription st ON st.subid = s.oid"
            + " WHERE s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " GROUP BY s.subname, s.subenabled ORDER BY s.subname";
    List<Subscription> subscriptions = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        subscriptions.add(
            new Subscription(rows.getString(1), rows.getBoolean(2), rows.getString(3)));
      }
    }
    return subscriptions;
  }
}
