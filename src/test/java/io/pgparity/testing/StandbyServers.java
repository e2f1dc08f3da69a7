package io.pgparity.testing;

import io.pgparity.demo.EmbeddedServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two embedded server processes behind a {@link PhysicalStandby} and their data folders. */
final class StandbyServers implements AutoCloseable {

  /** The physical slot the standby streams through; it keeps the WAL while disconnected. */
  static final String SLOT = "pgparity_standby";

  private static final Logger log = LoggerFactory.getLogger(StandbyServers.class);

  private final EmbeddedPostgres primary;
  private final EmbeddedPostgres standby;
  private final Path root;
  private boolean closed;

  private StandbyServers(EmbeddedPostgres primary, EmbeddedPostgres standby, Path root) {
    this.primary = primary;
    this.standby = standby;
    this.root = root;
  }

  static StandbyServers start() {
    PgBaseBackup baseBackup = PgBaseBackup.locate();
    long started = System.nanoTime();
    Path root;
    try {
      root = Files.createTempDirectory("pgparity-standby-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp folder for the embedded servers", e);
    }
    EmbeddedPostgres primary = null;
    try {
      primary = startServer(root.resolve("primary"), true);
      baseBackup.copy(primary.getPort(), SLOT, root.resolve("standby"));
      EmbeddedPostgres standby = startServer(root.resolve("standby"), false);
      log.info(
          "Started embedded primary on port {} and physical standby on port {} in {} ms",
          primary.getPort(),
          standby.getPort(),
          (System.nanoTime() - started) / 1_000_000);
      return new StandbyServers(primary, standby, root);
    } catch (RuntimeException e) {
      EmbeddedServers.stopQuietly(primary);
      EmbeddedServers.deleteTree(root);
      throw new IllegalStateException("cannot start a physical standby: " + e.getMessage(), e);
    }
  }

  /**
   * Starts one server. For the standby, zonky must not clean the folder: it runs initdb only when
   * asked to clean or when postgresql.conf is missing, and pg_basebackup copied the primary's.
   */
  private static EmbeddedPostgres startServer(Path dataDirectory, boolean fresh) {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(fresh)
            .setPGStartupWait(Duration.ofSeconds(60));
    // the same settings on both sides: a hot standby refuses to start with lower max_* values
    // than its primary. They are passed with -c, which overrides postgresql.auto.conf, so
    // primary_conninfo and primary_slot_name (written there by pg_basebackup -R) stay out.
    serverConfig().forEach(builder::setServerConfig);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(dataDirectory + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> serverConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("wal_level", "logical");
    config.put("max_wal_senders", "10");
    config.put("max_replication_slots", "10");
    config.put("hot_standby", "on");
    config.put("hot_standby_feedback", "on");
    config.put("wal_receiver_status_interval", "1s");
    // how soon a standby retries streaming, e.g. after reconnect (5 s by default)
    config.put("wal_retrieve_retry_interval", "200ms");
    // zonky turns this off; on, a commit's WAL is written before it returns, so the primary's
    // pg_current_wal_lsn() covers every committed transaction (cheap: fsync is off)
    config.put("synchronous_commit", "on");
    // a throwaway server: durability buys nothing
    config.put("fsync", "off");
    config.put("max_wal_size", "1GB");
    return config;
  }

  String primaryUrl() {
    return primary.getJdbcUrl("postgres", "postgres");
  }

  String standbyUrl() {
    return standby.getJdbcUrl("postgres", "postgres");
  }

  /** Stops both servers side by side (each stop takes about a second) and deletes the folders. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    CompletableFuture<Void> standbyStop =
        CompletableFuture.runAsync(
            () -> EmbeddedServers.stopQuietly(standby),
            task -> new Thread(task, "standby-stop").start());
    EmbeddedServers.stopQuietly(primary);
    standbyStop.join();
    EmbeddedServers.deleteTree(root);
    log.info("Stopped the embedded primary and physical standby");
  }
}
