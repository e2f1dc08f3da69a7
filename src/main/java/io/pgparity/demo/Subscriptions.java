package io.pgparity.demo;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * The subscriptions one {@link EmbeddedPair} created on its replica, and the catalog polling that
 * tells when a subscription has copied, caught up or stopped.
 */
final class Subscriptions {

  private static final String NAME_PATTERN = "[a-z_][a-z0-9_]{0,62}";
  private static final long POLL_MILLIS = 50;

  private final DataSource primary;
  private final DataSource replica;
  // name -> enabled; the pair may be shared by test classes, so updates may come from any thread
  private final Map<String, Boolean> enabled = new ConcurrentHashMap<>();

  Subscriptions(DataSource primary, DataSource replica) {
    this.primary = primary;
    this.replica = replica;
  }

  /** Checks a publication/subscription name; it doubles as the replication slot name. */
  static String checkName(String name) {
    checkArgument(
        name != null && name.matches(NAME_PATTERN),
        "replication name '%s' must match %s (it becomes a replication slot name); use lower case,"
            + " digits and _",
        name,
        NAME_PATTERN);
    return name;
  }

  /** The libpq connection string with which the replica reaches the primary of a pgjdbc URL. */
  static String conninfo(String jdbcUrl) {
    Properties properties = Driver.parseURL(jdbcUrl, new Properties());
    checkArgument(
        properties != null,
        "cannot parse the primary url '%s'; use jdbc:postgresql://host:port/db",
        jdbcUrl);
    StringBuilder conninfo = new StringBuilder();
    append(conninfo, "host", PGProperty.PG_HOST.getOrDefault(properties));
    append(conninfo, "port", PGProperty.PG_PORT.getOrDefault(properties));
    append(conninfo, "dbname", PGProperty.PG_DBNAME.getOrDefault(properties));
    append(conninfo, "user", PGProperty.USER.getOrDefault(properties));
    append(conninfo, "password", PGProperty.PASSWORD.getOrDefault(properties));
    return conninfo.toString().strip();
  }

  private static void append(StringBuilder conninfo, String key, String value) {
    if (value != null && !value.isEmpty()) {
      conninfo
          .append(key)
          .append("='")
          .append(value.replace("\\", "\\\\").replace("'", "\\'"))
          .append("' ");
    }
  }

  /**
   * Subscribes to the publication of the same name; without {@code copyData} only later changes
   * flow.
   */
  void subscribe(String name, String conninfo, boolean copyData) {
    checkName(name);
    EmbeddedPair.exec(
        replica,
        "CREATE SUBSCRIPTION "
            + name
            + " CONNECTION '"
            + conninfo.replace("'", "''")
            + "' PUBLICATION "
            + name
            + " WITH (copy_data = "
            + copyData
            + ")");
    enabled.put(name, true);
  }

  /** Waits until all {@code tables} of the subscription are in state 'r' (copied and synced). */
  void awaitInitialCopy(String name, int tables, Duration timeout) {
    String notReady =
        "SELECT count(*) FILTER (WHERE sr.srsubstate <> 'r'), count(*),"
            + " string_agg(sr.srrelid::regclass || '=' || sr.srsubstate::text, ', ')"
            + " FROM pg_subscription_rel sr JOIN pg_subscription s ON s.oid = sr.srsubid"
            + " WHERE s.subname = ?";
    poll(
        timeout,
        () -> {
          List<String> row = queryRow(replica, notReady, name);
          // a failed copy is retried forever: fail now rather than at the timeout
          checkState(
              errors(name, "sync_error_count") == 0,
              "%s: the initial copy failed on the replica (table states %s); check the replica's"
                  + " server log, e.g. for rows that already exist there",
              name,
              row.get(2));
          return Long.parseLong(row.get(0)) == 0 && Long.parseLong(row.get(1)) == tables;
        },
        () ->
            name
                + ": the initial copy did not finish within "
                + timeout
                + " (table states "
                + queryRow(replica, notReady, name).get(2)
                + "; r = ready, d = copying); check the replica's server log");
  }

  /**
   * Waits until the subscription's walsender on the primary streams and the replica has confirmed
   * the primary's WAL position as of this call.
   */
  void awaitStreaming(String name, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    // the apply worker connects with the subscription's name as application_name
    String state =
        "SELECT count(*) FILTER (WHERE state = 'streaming'), string_agg(state, ', ')"
            + " FROM pg_stat_replication WHERE application_name = ?";
    poll(
        timeout,
        () -> !"0".equals(queryRow(primary, state, checkName(name)).get(0)),
        () ->
            name
                + ": no walsender streaming within "
                + timeout
                + " (walsender states: "
                + queryRow(primary, state, name).get(1)
                + "); check the replica's and the primary's server logs");
    awaitFlushed(name, currentLsn(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  void awaitCaughtUp(Duration timeout) {
    String target = currentLsn();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Map.Entry<String, Boolean> entry : Map.copyOf(enabled).entrySet()) {
      if (entry.getValue()) {
        awaitFlushed(
            entry.getKey(), target, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      }
    }
  }

  void awaitCaughtUp(String name, Duration timeout) {
    checkState(
        !Boolean.FALSE.equals(enabled.get(checkName(name))),
        "%s is paused; resume it before waiting for it",
        name);
    awaitFlushed(name, currentLsn(), timeout);
  }

  private void awaitFlushed(String name, String target, Duration timeout) {
    String flushed =
        "SELECT confirmed_flush_lsn >= ?::pg_lsn, confirmed_flush_lsn FROM pg_replication_slots"
            + " WHERE slot_name = ?";
    long applyErrors = errors(name, "apply_error_count");
    poll(
        timeout,
        () -> {
          checkState(
              errors(name, "apply_error_count") == applyErrors,
              "%s: applying changes failed on the replica; check the replica's server log, e.g."
                  + " for a row changed on the replica that conflicts",
              name);
          return "t".equals(queryRow(primary, flushed, target, name).get(0));
        },
        () ->
            name
                + ": the replica did not catch up within "
                + timeout
                + " (slot confirmed "
                + queryRow(primary, flushed, target, name).get(1)
                + " of "
                + target
                + "); check that the subscription is enabled and the replica's server log");
  }

  /**
   * Disables the subscription and waits until its workers on the replica and its walsender are
   * gone.
   */
  void disable(String name, Duration timeout) {
    EmbeddedPair.exec(replica, "ALTER SUBSCRIPTION " + checkName(name) + " DISABLE");
    enabled.computeIfPresent(name, (key, value) -> false);
    String workers =
        "SELECT count(*) FROM pg_stat_subscription WHERE subname = ? AND pid IS NOT NULL";
    String active = "SELECT count(*) FROM pg_replication_slots WHERE slot_name = ? AND active";
    poll(
        timeout,
        () ->
            "0".equals(queryRow(replica, workers, name).get(0))
                && "0".equals(queryRow(primary, active, name).get(0)),
        () ->
            name
                + ": replication workers still running "
                + timeout
                + " after DISABLE; check the replica's server log");
  }

  void enable(String name) {
    EmbeddedPair.exec(replica, "ALTER SUBSCRIPTION " + checkName(name) + " ENABLE");
    enabled.computeIfPresent(name, (key, value) -> true);
  }

  void drop(String name, Duration timeout) {
    String exists = "SELECT count(*) FROM pg_subscription WHERE subname = ?";
    if (!"0".equals(queryRow(replica, exists, checkName(name)).get(0))) {
      // a stopped walsender lets DROP SUBSCRIPTION drop the slot without racing it
      disable(name, timeout);
      EmbeddedPair.exec(replica, "DROP SUBSCRIPTION " + name);
    }
    enabled.remove(name);
  }

  List<String> names() {
    return List.copyOf(enabled.keySet());
  }

  /** A worker error counter of the subscription (cumulative statistics; 0 before any error). */
  private long errors(String name, String counter) {
    String sql =
        "SELECT coalesce(sum("
            + counter
            + "), 0) FROM pg_stat_subscription_stats WHERE subname = ?";
    return Long.parseLong(queryRow(replica, sql, name).get(0));
  }

  /**
   * The primary's WAL position covering every commit made so far. pg_current_wal_lsn() alone can
   * trail an asynchronous commit that is not yet written, so a synchronous commit that writes WAL
   * (a logical message, which subscribers ignore) first forces all earlier WAL out.
   */
  private String currentLsn() {
    try (Connection connection = primary.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET synchronous_commit = on");
      statement.execute("SELECT pg_logical_emit_message(true, 'pgparity', 'catch-up mark')");
      try (ResultSet rows = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
        rows.next();
        return rows.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the primary's WAL position: " + e.getMessage(), e);
    }
  }

  private static void poll(Duration timeout, BooleanSupplier done, Supplier<String> failure) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(failure.get());
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for replication", e);
      }
    }
  }

  /** The first row as text, or a list of nulls' text form ("null") when there is none. */
  private static List<String> queryRow(DataSource dataSource, String sql, String... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        int columns = rows.getMetaData().getColumnCount();
        boolean found = rows.next();
        String[] values = new String[columns];
        for (int i = 0; i < columns; i++) {
          values[i] = found ? String.valueOf(rows.getString(i + 1)) : "null";
        }
        return List.of(values);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
