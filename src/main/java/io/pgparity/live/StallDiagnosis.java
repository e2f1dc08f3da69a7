package io.pgparity.live;

import io.pgparity.connect.ServerPair;
import io.pgparity.connect.Side;
import io.pgparity.table.SqlIdentifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why a replica that does not catch up is stuck, and what to do about it, in one phrase: replay
 * paused or no WAL receiver on a standby; a disabled subscription, a dropped or unused slot for a
 * subscriber; otherwise only how far behind it still is.
 */
final class StallDiagnosis {

  private static final Logger log = LoggerFactory.getLogger(StallDiagnosis.class);

  private static final String STANDBY_SQL =
      "SELECT pg_is_wal_replay_paused(), EXISTS (SELECT 1 FROM pg_stat_wal_receiver),"
          + " current_setting('recovery_min_apply_delay')";
  private static final String DISABLED_SQL =
      "SELECT subname FROM pg_subscription WHERE NOT subenabled AND subname = ANY(?::text[])"
          + " AND subdbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY subname";
  private static final String SLOTS_SQL =
      """
      SELECT wanted.slot_name, s.active
      FROM unnest(?::text[]) WITH ORDINALITY AS wanted(slot_name, n)
      LEFT JOIN pg_replication_slots s ON s.slot_name = wanted.slot_name AND s.database = current_database()
      WHERE s.active IS NOT TRUE
      ORDER BY wanted.n
      """;

  private final ServerPair pair;
  private final ReplicationLink link;

  StallDiagnosis(ServerPair pair, ReplicationLink link) {
    this.pair = pair;
    this.link = link;
  }

  /**
   * The reason and the remedy; if none is found (or the catalogs cannot be read), how far behind.
   */
  String explain(long bytesBehind) {
    Optional<String> reason;
    try {
      reason =
          link.kind() == ReplicaKind.LOGICAL_SUBSCRIBER
              ? pair.on(Side.REPLICA, "subscription state", (c, s) -> disabled(c))
                  .or(() -> pair.on(Side.PRIMARY, "slot state", (c, s) -> slots(c)))
              : pair.on(Side.REPLICA, "standby state", (c, s) -> standby(c));
    } catch (RuntimeException e) {
      log.debug("Could not tell why the replica is behind: {}", e.getMessage());
      reason = Optional.empty();
    }
    return reason.orElse(
        "still "
            + LagText.bytes(bytesBehind)
            + " behind, though replicating;"
            + " raise max-wait, or lighten the load on the replica");
  }

  private static Optional<String> standby(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(STANDBY_SQL)) {
      rs.next();
      if (rs.getBoolean(1)) {
        return Optional.of(
            "replay is paused on the replica; run SELECT pg_wal_replay_resume() there");
      }
      if (!rs.getBoolean(2)) {
        return Optional.of(
            "the replica is not receiving WAL (disconnected from the primary);"
                + " check primary_conninfo and the replica's server log");
      }
      String delay = rs.getString(3);
      if (delay != null && !delay.equals("0")) {
        // a delayed standby is behind on purpose: only a longer wait can cover the delay
        return Optional.of(
            "the replica applies WAL with recovery_min_apply_delay = "
                + delay
                + "; raise max-wait above the delay, or compare with a standby that is not delayed");
      }
      return Optional.empty();
    }
  }

  private Optional<String> disabled(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(DISABLED_SQL)) {
      statement.setArray(1, ReplicationCatalog.texts(connection, link.subscriptions()));
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String name = rs.getString(1);
        return Optional.of(
            "subscription "
                + name
                + " is disabled on the replica; run ALTER SUBSCRIPTION "
                + SqlIdentifier.quote(name)
                + " ENABLE there");
      }
    }
  }

  private Optional<String> slots(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SLOTS_SQL)) {
      statement.setArray(1, ReplicationCatalog.texts(connection, link.slots()));
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String slot = rs.getString(1);
        String subscription = link.subscriptions().get(link.slots().indexOf(slot));
        return Optional.of(
            rs.getObject(2) == null
                ? "slot "
                    + slot
                    + " of subscription "
                    + subscription
                    + " no longer exists on the primary;"
                    + " recreate the subscription on the replica"
                : "slot "
                    + slot
                    + " on the primary is not in use (subscription "
                    + subscription
                    + " is not connected); check the replica's server log for its apply worker");
      }
    }
  }
}
