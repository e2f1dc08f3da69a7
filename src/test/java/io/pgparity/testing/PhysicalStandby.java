package io.pgparity.testing;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import javax.sql.DataSource;
import org.opentest4j.TestAbortedException;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded primary and a physical streaming hot standby of it, made with the system's
 * pg_basebackup; each start makes a fresh pair, {@link #close()} stops both and deletes their data.
 */
public final class PhysicalStandby implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PhysicalStandby.class);
  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(60);

  private final StandbyServers servers;
  private final ServerSql primary;
  private final ServerSql standby;
  private final WalStream stream;

  private PhysicalStandby(StandbyServers servers) {
    this.servers = servers;
    this.primary = new ServerSql("primary", dataSource(servers.primaryUrl()));
    this.standby = new ServerSql("standby", dataSource(servers.standbyUrl()));
    this.stream = WalStream.of(primary, standby, StandbyServers.SLOT);
  }

  /**
   * Starts a fresh primary, copies it with pg_basebackup and starts the copy as a streaming hot
   * standby; throws {@link IllegalStateException} when pg_basebackup or a server is missing.
   */
  public static PhysicalStandby start() {
    StandbyServers servers = StandbyServers.start();
    try {
      return new PhysicalStandby(servers);
    } catch (RuntimeException e) {
      servers.close();
      throw e;
    }
  }

  /**
   * Like {@link #start()}, but a failure to start aborts (skips) the calling test, except under
   * {@code CI=true}, where it fails: CI must never pass by skipping.
   */
  public static PhysicalStandby startOrSkip() {
    try {
      return start();
    } catch (RuntimeException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(
            "physical standby did not start under CI=true: " + e.getMessage(), e);
      }
      throw new TestAbortedException(
          "physical standby did not start, skipping: " + e.getMessage(), e);
    }
  }

  /** The primary as {@code jdbc:postgresql://localhost:PORT/postgres?user=postgres}. */
  public String primaryUrl() {
    return servers.primaryUrl();
  }

  /** The standby as {@code jdbc:postgresql://localhost:PORT/postgres?user=postgres}. */
  public String standbyUrl() {
    return servers.standbyUrl();
  }

  /** A non-pooled data source for the primary. */
  public DataSource primary() {
    return primary.dataSource();
  }

  /** A non-pooled data source for the standby (read-only while in recovery). */
  public DataSource standby() {
    return standby.dataSource();
  }

  /**
   * Returns once the standby has replayed the primary's WAL up to the primary's current write
   * position (covering every transaction committed before this call); throws {@link
   * IllegalStateException} with both positions and the receiver's state on timeout.
   */
  public void awaitReplayed(Duration timeout) {
    checkNotNull(timeout, "timeout");
    String target = primary.text("SELECT pg_current_wal_lsn()::text");
    ServerSql.await(
        "the standby has replayed the primary's WAL up to " + target,
        timeout,
        () -> standby.test("SELECT pg_last_wal_replay_lsn() >= ?::pg_lsn", target),
        () ->
            "replayed up to "
                + standby.text("SELECT pg_last_wal_replay_lsn()::text")
                + ", replay "
                + standby.text("SELECT pg_get_wal_replay_pause_state()")
                + ", "
                + stream.state());
  }

  /**
   * Pauses WAL replay on the standby and returns once it is confirmed paused; WAL still arrives but
   * nothing written on the primary after this call becomes visible until {@link #resumeReplay()}.
   */
  public void pauseReplay() {
    standby.run("SELECT pg_wal_replay_pause()");
    ServerSql.await(
        "replay on the standby is paused",
        CONTROL_TIMEOUT,
        () -> "paused".equals(standby.text("SELECT pg_get_wal_replay_pause_state()")),
        () -> "replay " + standby.text("SELECT pg_get_wal_replay_pause_state()"));
  }

  /** Resumes WAL replay on the standby. */
  public void resumeReplay() {
    standby.run("SELECT pg_wal_replay_resume()");
  }

  /**
   * Stops WAL streaming (empties the standby's primary_conninfo) and returns once the standby's WAL
   * receiver is gone and the primary's slot is inactive, so no WAL written on the primary
   * afterwards reaches the standby until {@link #reconnect()}.
   */
  public void disconnect() {
    stream.cut(CONTROL_TIMEOUT);
  }

  /** Restores streaming and returns once the WAL receiver streams again. */
  public void reconnect() {
    stream.restore(CONTROL_TIMEOUT);
  }

  /** Promotes the standby and returns once it has left recovery and accepts writes. */
  public void promote() {
    if (!standby.test("SELECT pg_promote(true, 60)")) {
      throw new IllegalStateException("pg_promote on the standby did not finish within 60 s");
    }
    ServerSql.await(
        "the standby has left recovery",
        CONTROL_TIMEOUT,
        () -> !standby.test("SELECT pg_is_in_recovery()"),
        () -> "still in recovery");
    log.info("Promoted the physical standby on {}", standbyUrl());
  }

  /** Stops both servers and deletes their data; idempotent. */
  @Override
  public void close() {
    servers.close();
  }

  private static DataSource dataSource(String url) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    return dataSource;
  }
}
