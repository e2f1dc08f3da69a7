package io.pgparity.demo;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A primary and a logical-replication replica: two embedded PostgreSQL servers on free local ports,
 * or two existing servers given by URL. A subscription is named after its publication, so
 * publication names must be unique per pair.
 */
public final class EmbeddedPair implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPair.class);
  private static final Duration INITIAL_COPY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration WORKER_STOP_TIMEOUT = Duration.ofSeconds(30);

  private final String primaryUrl;
  private final String replicaUrl;
  private final DataSource primary;
  private final DataSource replica;
  private final Subscriptions subscriptions;
  private final List<EmbeddedPostgres> servers;
  private final Path dataRoot;
  private boolean closed;

  private EmbeddedPair(
      String primaryUrl, String replicaUrl, List<EmbeddedPostgres> servers, Path dataRoot) {
    this.primaryUrl = primaryUrl;
    this.replicaUrl = replicaUrl;
    this.primary = dataSource(primaryUrl);
    this.replica = dataSource(replicaUrl);
    this.subscriptions = new Subscriptions(primary, replica);
    this.servers = List.copyOf(servers);
    this.dataRoot = dataRoot;
  }

  /** Starts two fresh servers configured for logical replication, each on a free port. */
  public static EmbeddedPair start() {
    Path root;
    try {
      root = Files.createTempDirectory("pgparity-pair-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp folder for the embedded servers", e);
    }
    // initdb is most of the start-up time: run the two side by side, on threads of their own
    // (the common pool has a single thread on a 2-core machine)
    Executor threads = task -> new Thread(task, "embedded-pg-start").start();
    CompletableFuture<EmbeddedPostgres> primaryStart =
        CompletableFuture.supplyAsync(() -> startServer(root.resolve("primary")), threads);
    CompletableFuture<EmbeddedPostgres> replicaStart =
        CompletableFuture.supplyAsync(() -> startServer(root.resolve("replica")), threads);
    long started = System.nanoTime();
    try {
      CompletableFuture.allOf(primaryStart, replicaStart).join();
    } catch (CompletionException e) {
      primaryStart.thenAccept(EmbeddedServers::stopQuietly);
      replicaStart.thenAccept(EmbeddedServers::stopQuietly);
      EmbeddedServers.deleteTree(root);
      Throwable cause =
          e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
      throw new IllegalStateException(
          "cannot start an embedded PostgreSQL server: " + cause.getMessage(), cause);
    }
    EmbeddedPostgres primaryServer = primaryStart.join();
    EmbeddedPostgres replicaServer = replicaStart.join();
    log.info(
        "Started embedded primary on port {} and replica on port {} in {} ms",
        primaryServer.getPort(),
        replicaServer.getPort(),
        (System.nanoTime() - started) / 1_000_000);
    return new EmbeddedPair(
        primaryServer.getJdbcUrl("postgres", "postgres"),
        replicaServer.getJdbcUrl("postgres", "postgres"),
        List.of(primaryServer, replicaServer),
        root);
  }

  /**
   * Wraps two running servers; {@link #close()} then leaves them running and only drops the
   * subscriptions this pair created. The replica must reach the primary at the primary URL's host
   * and port for {@link #replicate} to work.
   */
  public static EmbeddedPair connect(String primaryUrl, String replicaUrl) {
    checkArgument(
        primaryUrl != null && primaryUrl.startsWith("jdbc:postgresql:"),
        "primary url must start with jdbc:postgresql: but was '%s'",
        primaryUrl);
    checkArgument(
        replicaUrl != null && replicaUrl.startsWith("jdbc:postgresql:"),
        "replica url must start with jdbc:postgresql: but was '%s'",
        replicaUrl);
    return new EmbeddedPair(primaryUrl, replicaUrl, List.of(), null);
  }

  private static EmbeddedPostgres startServer(Path dataDirectory) {
    try {
      return EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(true)
          .setServerConfig("wal_level", "logical")
          .setServerConfig("max_wal_senders", "40")
          .setServerConfig("max_replication_slots", "40")
          .setServerConfig("max_worker_processes", "48")
          .setServerConfig("max_logical_replication_workers", "40")
          .setServerConfig("max_sync_workers_per_subscription", "2")
          // a throwaway server: durability buys nothing and costs load time
          .setServerConfig("fsync", "off")
          .setServerConfig("full_page_writes", "off")
          .setServerConfig("max_wal_size", "4GB")
          .setServerConfig("shared_buffers", "256MB")
          .setServerConfig("wal_receiver_status_interval", "1s")
          // the launcher waits this long before restarting a subscription's worker (5 s by default)
          .setServerConfig("wal_retrieve_retry_interval", "200ms")
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(dataDirectory + ": " + e.getMessage(), e);
    }
  }

  /** The primary as {@code jdbc:postgresql://localhost:PORT/postgres?user=postgres}. */
  public String primaryUrl() {
    return primaryUrl;
  }

  /** The replica as {@code jdbc:postgresql://localhost:PORT/postgres?user=postgres}. */
  public String replicaUrl() {
    return replicaUrl;
  }

  /** A non-pooled data source for the primary. */
  public DataSource primary() {
    return primary;
  }

  /** A non-pooled data source for the replica. */
  public DataSource replica() {
    return replica;
  }

  /** Runs the same SQL (usually DDL) on the primary, then on the replica, in autocommit. */
  public void execBoth(String sql) {
    exec(primary, sql);
    exec(replica, sql);
  }

  /**
   * Publishes {@code qualifiedTables} (e.g. {@code public.users}) on the primary, subscribes the
   * replica with {@code copy_data = true} under the same name, and returns once the initial copy of
   * every table is done. The tables must already exist on both sides.
   */
  public void replicate(String publication, String... qualifiedTables) {
    List<TableRef> tables = link(publication, true, qualifiedTables);
    subscriptions.awaitInitialCopy(publication, tables.size(), INITIAL_COPY_TIMEOUT);
  }

  /**
   * Like {@link #replicate} for tables whose rows already agree on both sides: subscribes with
   * {@code copy_data = false}, so only later changes flow, and returns once the subscription is
   * streaming and has caught up. Rows that differ at this point stay different.
   */
  public void replicateExisting(String publication, String... qualifiedTables) {
    List<TableRef> tables = link(publication, false, qualifiedTables);
    // without a copy the tables are ready at once; this checks that all of them are subscribed
    subscriptions.awaitInitialCopy(publication, tables.size(), INITIAL_COPY_TIMEOUT);
    subscriptions.awaitStreaming(publication, INITIAL_COPY_TIMEOUT);
  }

  private List<TableRef> link(String publication, boolean copyData, String... qualifiedTables) {
    checkArgument(
        qualifiedTables.length > 0, "%s: name at least one table to replicate", publication);
    List<TableRef> tables = Arrays.stream(qualifiedTables).map(TableRef::parse).toList();
    String tableList = tables.stream().map(SqlIdentifier::quote).collect(Collectors.joining(", "));
    exec(
        primary,
        "CREATE PUBLICATION " + Subscriptions.checkName(publication) + " FOR TABLE " + tableList);
    subscriptions.subscribe(publication, Subscriptions.conninfo(primaryUrl), copyData);
    return tables;
  }

  /**
   * Waits until every enabled subscription of this pair has confirmed the primary's WAL position as
   * of this call; throws {@link IllegalStateException} naming the lagging subscription on timeout.
   */
  public void awaitCaughtUp(Duration timeout) {
    checkNotNull(timeout, "timeout");
    subscriptions.awaitCaughtUp(timeout);
  }

  /** Like {@link #awaitCaughtUp(Duration)} for one subscription. */
  public void awaitCaughtUp(String subscription, Duration timeout) {
    checkNotNull(timeout, "timeout");
    subscriptions.awaitCaughtUp(subscription, timeout);
  }

  /**
   * Disables the subscription and returns once its workers are gone, so no write made on the
   * primary after this call reaches the replica until {@link #resumeReplication}.
   */
  public void pauseReplication(String subscription) {
    subscriptions.disable(subscription, WORKER_STOP_TIMEOUT);
  }

  /** Enables the subscription again; it applies what the primary wrote meanwhile. */
  public void resumeReplication(String subscription) {
    subscriptions.enable(subscription);
  }

  /** Drops the subscription (and its slot on the primary) and the publication of that name. */
  public void dropReplication(String name) {
    subscriptions.drop(name, WORKER_STOP_TIMEOUT);
    exec(primary, "DROP PUBLICATION IF EXISTS " + Subscriptions.checkName(name));
  }

  /**
   * Stops both embedded servers and deletes their data; for connected servers, drops subscriptions.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (servers.isEmpty()) {
      subscriptions.names().forEach(this::dropReplication);
      return;
    }
    // each stop takes about 2 s, mostly waiting: stop both at once
    Executor threads = task -> new Thread(task, "embedded-pg-stop").start();
    CompletableFuture.allOf(
            servers.stream()
                .map(
                    server ->
                        CompletableFuture.runAsync(
                            () -> EmbeddedServers.stopQuietly(server), threads))
                .toArray(CompletableFuture[]::new))
        .join();
    EmbeddedServers.deleteTree(dataRoot);
    log.info("Stopped the embedded primary and replica");
  }

  static void exec(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(firstLine(sql) + ": " + e.getMessage(), e);
    }
  }

  private static String firstLine(String sql) {
    String trimmed = sql.strip();
    int end = trimmed.indexOf('\n');
    String line = end < 0 ? trimmed : trimmed.substring(0, end);
    return line.length() > 120 ? line.substring(0, 120) + "..." : line;
  }

  private static DataSource dataSource(String url) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    return dataSource;
  }
}
