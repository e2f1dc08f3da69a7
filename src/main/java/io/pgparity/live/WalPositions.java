package io.pgparity.live;

import io.pgparity.connect.ServerPair;
import io.pgparity.connect.Side;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads where the primary's WAL is and how far the replica has got, for one replication link. The
 * primary's position is its insert position, not pg_current_wal_lsn() (the write position): a
 * transaction committed with synchronous_commit off is visible before its commit record is written,
 * and was measured to reach the replica about 200 ms after the write position had been confirmed
 * there. The replica's position is the replayed WAL for a standby; for a subscriber, per slot, the
 * later of the slot's confirmed_flush_lsn and the replay_lsn (applied and committed on the
 * subscriber) its walsender reports in pg_stat_replication, the earliest over the slots.
 */
final class WalPositions {

  private static final String PRIMARY_SQL =
      "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()"
          + " ELSE pg_current_wal_insert_lsn() END::text";
  private static final String LAYOUT_SQL =
      "SELECT current_setting('wal_block_size')::int,"
          + " (SELECT setting::bigint * CASE unit WHEN '8kB' THEN 8192 WHEN 'MB' THEN 1048576 ELSE 1 END"
          + " FROM pg_settings WHERE name = 'wal_segment_size')";
  private static final String STANDBY_SQL = "SELECT pg_last_wal_replay_lsn()::text";
  // replay_lsn is NULL without pg_read_all_stats, and greatest() skips NULLs
  private static final String SLOTS_SQL =
      """
      SELECT greatest(s.confirmed_flush_lsn, r.replay_lsn)::text
      FROM unnest(?::text[]) AS wanted(slot_name)
      LEFT JOIN pg_replication_slots s ON s.slot_name = wanted.slot_name AND s.database = current_database()
      LEFT JOIN pg_stat_replication r ON r.pid = s.active_pid
      """;

  private final ServerPair pair;
  private final ReplicationLink link;
  private volatile WalLayout layout;

  WalPositions(ServerPair pair, ReplicationLink link) {
    this.pair = pair;
    this.link = link;
  }

  /** The primary's position over a connection the caller holds. */
  Lsn primary(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(PRIMARY_SQL)) {
      rs.next();
      return layout(connection).lastRecordEnd(lsn(rs.getString(1)));
    }
  }

  /** The replica's position: replayed, or applied on every slot of the link. */
  Lsn replica() {
    return link.kind() == ReplicaKind.LOGICAL_SUBSCRIBER
        ? pair.on(Side.PRIMARY, "replica position", (c, s) -> slots(c))
        : pair.on(Side.REPLICA, "replica position", (c, s) -> standby(c));
  }

  /** The primary's position and then the replica's, both read now. */
  Lag lag() {
    if (link.kind() == ReplicaKind.LOGICAL_SUBSCRIBER) {
      return pair.on(Side.PRIMARY, "replica lag", (c, s) -> new Lag(primary(c), slots(c)));
    }
    Lsn primary = pair.on(Side.PRIMARY, "primary position", (c, s) -> primary(c));
    return new Lag(primary, replica());
  }

  private Lsn slots(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SLOTS_SQL)) {
      statement.setArray(1, ReplicationCatalog.texts(connection, link.slots()));
      Lsn earliest = null;
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          Lsn position = lsn(rs.getString(1));
          earliest = earliest == null || position.compareTo(earliest) < 0 ? position : earliest;
        }
      }
      return earliest == null ? new Lsn(0) : earliest;
    }
  }

  private static Lsn standby(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(STANDBY_SQL)) {
      rs.next();
      return lsn(rs.getString(1));
    }
  }

  private WalLayout layout(Connection connection) throws SQLException {
    WalLayout known = layout;
    if (known == null) {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(LAYOUT_SQL)) {
        rs.next();
        known = new WalLayout(rs.getInt(1), rs.getLong(2));
        layout = known;
      }
    }
    return known;
  }

  /**
   * A missing position (a slot that is gone, a server no longer in recovery) counts as the start of
   * WAL.
   */
  private static Lsn lsn(String text) {
    return text == null ? new Lsn(0) : Lsn.parse(text);
  }

  /** The primary's position and the replica's, read one after the other. */
  record Lag(Lsn primary, Lsn replica) {

    long bytes() {
      return primary.bytesAfter(replica);
    }
  }
}
