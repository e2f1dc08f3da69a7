package io.pgparity.live;

import io.pgparity.connect.ServerPair;
import io.pgparity.connect.Side;
import io.pgparity.connect.SideQuery;
import io.pgparity.table.TableRef;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog reads behind {@link ReplicationProbe}, limited to what any role may read: the
 * publicly granted columns of pg_subscription, pg_subscription_rel, pg_replication_slots, and the
 * pid of pg_stat_wal_receiver (its other columns need pg_read_all_stats).
 */
final class ReplicationCatalog {

  private static final Logger log = LoggerFactory.getLogger(ReplicationCatalog.class);

  private static final String IDENTITY_SQL =
      """
      SELECT pg_is_in_recovery(),
             CASE WHEN has_function_privilege('pg_control_system()', 'EXECUTE')
                  THEN (SELECT system_identifier::text FROM pg_control_system()) END,
             pg_postmaster_start_time()::text
      """;
  private static final String RECEIVER_SQL =
      "SELECT status, sender_host, sender_port, received_tli FROM pg_stat_wal_receiver";
  private static final String SUBSCRIPTIONS_SQL =
      """
      SELECT s.subname, s.subenabled, s.subslotname::text
      FROM pg_subscription s
      WHERE s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND (cardinality(?::text[]) = 0 OR EXISTS (
              SELECT 1 FROM pg_subscription_rel r
              JOIN pg_class c ON c.oid = r.srrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN unnest(?::text[], ?::text[]) AS t(nspname, relname)
                ON t.nspname = n.nspname AND t.relname = c.relname
              WHERE r.srsubid = s.oid))
      ORDER BY s.subname
      """;
  private static final String SLOTS_SQL =
      "SELECT slot_name::text FROM pg_replication_slots"
          + " WHERE slot_type = 'logical' AND database = current_database() AND slot_name = ANY(?::text[])";
  // insufficient privilege, and what an older server lacks: function, view or column
  private static final Set<String> NOT_READABLE = Set.of("42501", "42883", "42P01", "42703");

  private ReplicationCatalog() {}

  static Identity identity(Connection connection, Side side) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(IDENTITY_SQL)) {
      rs.next();
      return new Identity(rs.getBoolean(1), rs.getString(2), rs.getString(3));
    }
  }

  /** A standby's WAL receiver in a few words: where it streams from, or that there is none. */
  static String receiver(ServerPair pair) {
    Optional<String> detail =
        readable(
            pair,
            Side.REPLICA,
            "WAL receiver",
            (c, s) -> {
              try (Statement statement = c.createStatement();
                  ResultSet rs = statement.executeQuery(RECEIVER_SQL)) {
                if (!rs.next()) {
                  return "in recovery without a WAL receiver (archive recovery, or disconnected from the primary)";
                }
                if (rs.getString(1) == null) {
                  return "in recovery with a WAL receiver (grant pg_read_all_stats to see its source)";
                }
                return "hot standby "
                    + rs.getString(1)
                    + " from "
                    + rs.getString(2)
                    + ":"
                    + rs.getString(3)
                    + ", timeline "
                    + rs.getString(4);
              }
            });
    return detail.orElse("in recovery (pg_stat_wal_receiver is not readable)");
  }

  /**
   * The subscriptions of the replica's database, those replicating one of {@code tables} if any;
   * empty if not readable.
   */
  static Optional<List<Subscription>> subscriptions(ServerPair pair, List<TableRef> tables) {
    return readable(
        pair,
        Side.REPLICA,
        "subscriptions",
        (connection, side) -> {
          try (PreparedStatement statement = connection.prepareStatement(SUBSCRIPTIONS_SQL)) {
            List<String> names = tables.stream().map(TableRef::name).toList();
            statement.setArray(1, texts(connection, names));
            statement.setArray(
                2, texts(connection, tables.stream().map(TableRef::schema).toList()));
            statement.setArray(3, texts(connection, names));
            List<Subscription> subscriptions = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                subscriptions.add(
                    new Subscription(rs.getString(1), rs.getBoolean(2), rs.getString(3)));
              }
            }
            return subscriptions;
          }
        });
  }

  /** Which of the named logical slots exist in the primary's database; empty if not readable. */
  static Optional<Set<String>> slots(ServerPair pair, List<String> names) {
    return readable(
        pair,
        Side.PRIMARY,
        "replication slots",
        (connection, side) -> {
          try (PreparedStatement statement = connection.prepareStatement(SLOTS_SQL)) {
            statement.setArray(1, texts(connection, names));
            Set<String> found = new HashSet<>();
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                found.add(rs.getString(1));
              }
            }
            return found;
          }
        });
  }

  static Array texts(Connection connection, List<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray());
  }

  /** Runs a catalog query; empty when the role may not read it or the server lacks it. */
  private static <T> Optional<T> readable(
      ServerPair pair, Side side, String what, SideQuery<T> query) {
    return pair.on(
        side,
        what,
        (connection, s) -> {
          try {
            return Optional.of(query.run(connection, s));
          } catch (SQLException e) {
            if (NOT_READABLE.contains(e.getSQLState())) {
              log.debug("{} not readable on the {}: {}", what, s.label(), e.getMessage());
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  /** What a server tells about itself; the system identifier is null without privilege. */
  record Identity(boolean inRecovery, String systemIdentifier, String startedAt) {}

  /**
   * A subscription of the replica's database; {@code slot} is null for {@code slot_name = NONE}.
   */
  record Subscription(String name, boolean enabled, String slot) {

    String describe() {
      return "subscription " + name + " (slot " + slot + ") " + (enabled ? "enabled" : "disabled");
    }
  }
}
