package io.pgparity.connect;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.config.connection.PasswordResolver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What one server can give a run's threads now, for {@code --threads auto}: its parallel-query
 * settings and what is busy. max_parallel_workers_per_gather is the DBA's statement of how many
 * processes one query may use (the leader and its workers): pgparity's threads are its sessions
 * working on one check at once, so it takes 1 + that at most. max_parallel_workers less the
 * parallel workers running now says how much of that allowance is free at this moment; the free
 * connections (max_connections less the reserved slots and the sessions connected now, less one to
 * spare) bound it too. A hot standby's settings are its own: each side is read on itself.
 *
 * <p>The settings are read as pg_settings.reset_val, what this database and role start a session
 * with (ALTER DATABASE/ROLE ... SET included): pgparity's own sessions set
 * max_parallel_workers_per_gather to 0 ({@link SessionSettings}). A role without pg_read_all_stats
 * sees other roles' sessions in pg_stat_activity without their backend_type; each such session in a
 * database ({@code hidden}) is counted as both a running parallel worker and a connected session,
 * so what cannot be seen only lowers the offer.
 */
public record ServerParallelism(
    int workersPerGather,
    int maxParallelWorkers,
    int runningParallelWorkers,
    int maxConnections,
    int reservedConnections,
    int connectedSessions,
    int hiddenSessions) {

  private static final String SQL =
      """
      SELECT (SELECT reset_val::int FROM pg_settings
               WHERE name = 'max_parallel_workers_per_gather'),
             (SELECT reset_val::int FROM pg_settings WHERE name = 'max_parallel_workers'),
             count(*) FILTER (WHERE a.backend_type = 'parallel worker'),
             current_setting('max_connections')::int,
             current_setting('superuser_reserved_connections')::int
               + coalesce(current_setting('reserved_connections', true)::int, 0),
             count(*) FILTER (WHERE a.backend_type = 'client backend'),
             count(*) FILTER (WHERE a.backend_type IS NULL AND a.datid IS NOT NULL)
        FROM pg_stat_activity a
      """;

  public ServerParallelism {
    checkArgument(
        workersPerGather >= 0
            && maxParallelWorkers >= 0
            && runningParallelWorkers >= 0
            && maxConnections >= 1
            && reservedConnections >= 0
            && connectedSessions >= 0
            && hiddenSessions >= 0,
        "no negative counts: %s",
        this);
  }

  /** What a side offers and why, in words for the log line. */
  public record Offer(Side side, int threads, String reason) {
    public Offer {
      checkNotNull(side, "side");
      checkArgument(threads >= 1, "an offer is at least 1 thread but was %s", threads);
      checkNotNull(reason, "reason");
    }
  }

  /**
   * The threads this server offers: the least of 1 + max_parallel_workers_per_gather, 1 + the
   * parallel workers free now, and what the free connections hold at two sessions per thread and
   * one more; at least 1, as a run needs one session.
   */
  public int threads() {
    long freeWorkers = (long) maxParallelWorkers - runningParallelWorkers - hiddenSessions;
    long freeConnections =
        (long) maxConnections - reservedConnections - connectedSessions - hiddenSessions - 1;
    // a run holds up to 2 sessions per thread and one more per side (ServerPool: a diff reads
    // two result sets at once)
    long byConnections = (freeConnections - 1) / 2;
    long offer = Math.min(1L + workersPerGather, Math.min(1 + freeWorkers, byConnections));
    return (int) Math.max(1, Math.min(offer, Tuning.MAX_THREADS));
  }

  /** The numbers behind {@link #threads}, for the log line. */
  public String reason() {
    return "max_parallel_workers_per_gather "
        + workersPerGather
        + ", max_parallel_workers "
        + maxParallelWorkers
        + " with "
        + runningParallelWorkers
        + " running, "
        + Math.max(0, maxConnections - reservedConnections - connectedSessions - hiddenSessions)
        + " free connections"
        + (hiddenSessions == 0
            ? ""
            : ", "
                + hiddenSessions
                + " sessions this role cannot see counted as busy (grant pg_read_all_stats)");
  }

  /** Reads the numbers over {@code connection} in one query. */
  public static ServerParallelism read(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(SQL)) {
      rs.next();
      return new ServerParallelism(
          rs.getInt(1),
          rs.getInt(2),
          rs.getInt(3),
          rs.getInt(4),
          rs.getInt(5),
          rs.getInt(6),
          rs.getInt(7));
    }
  }

  /**
   * What {@code side} offers, read on a connection opened as the run's are (its URL, password,
   * pinned settings) and closed at once. A side that cannot be read offers 1, and says why: the run
   * itself then reports a connection failure in its usual words.
   */
  public static Offer offer(Side side, ConnectionSpec spec, Tuning tuning) {
    try (ServerPool pool = ServerPool.open(side, spec, tuning);
        Connection connection = pool.connection()) {
      ServerParallelism parallelism = read(connection);
      connection.rollback();
      return new Offer(side, parallelism.threads(), parallelism.reason());
    } catch (SQLException | RuntimeException e) {
      return new Offer(side, 1, "could not be read: " + PasswordResolver.redact(firstLine(e)));
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
