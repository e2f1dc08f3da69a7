package io.pgparity.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.LiveTuning;
import io.pgparity.connect.ServerPair;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Waiting for a logical subscriber: rows written before the target are there after the wait. */
class ReplicaWatchIntegrationTests {

  private static final Duration GENEROUS = Duration.ofSeconds(60);
  private static final AtomicInteger ids = new AtomicInteger();

  private static EmbeddedPair servers;
  private static ServerPair pair;
  private static String schema;
  private static String publication;
  private static TableRef items;
  private static ReplicationLink link;

  @BeforeAll
  static void replicateOneTable() {
    servers = TestServers.pair();
    schema = TestServers.uniqueSchema("watch");
    publication = "watch_" + schema;
    items = new TableRef(schema, "items");
    servers.execBoth("CREATE TABLE " + items + " (id bigint PRIMARY KEY, label text)");
    servers.replicate(publication, items.toString());
    pair = LivePair.open(servers, "postgres");
    link = ReplicationProbe.detect(pair, List.of(items));
  }

  @AfterAll
  static void dropAll() {
    if (pair != null) {
      pair.close();
    }
    servers.dropReplication(publication);
    TestServers.dropSchema(schema);
  }

  @Test
  void afterTheWaitTheReplicaHasEveryRowCommittedBeforeTheTarget() {
    ReplicaWatch watch = new ReplicaWatch(pair, link, LivePair.tuning(GENEROUS, 0));
    assertThat(watch.waits()).isTrue();
    for (int round = 0; round < 6; round++) {
      // synchronous_commit off makes a commit visible before its WAL is written: the case a
      // target taken from pg_current_wal_lsn() misses
      boolean asynchronous = round % 2 == 1;
      long id = insert(asynchronous);
      Lsn target = LivePair.primaryPosition(pair, watch);

      watch.await(target);

      assertThat(
              TestServers.query(
                  servers.replica(), "SELECT count(*) FROM " + items + " WHERE id = " + id))
          .as("row %s (asynchronous commit: %s) on the replica after the wait", id, asynchronous)
          .isEqualTo("1");
    }
    LagStats stats = watch.stats();
    assertThat(stats.awaits()).isEqualTo(6);
    assertThat(stats.waits()).isPositive();
    assertThat(stats.largestLagBytes()).isPositive();
    assertThat(stats.longestWait()).isPositive().isLessThanOrEqualTo(stats.totalWait());
  }

  @Test
  void anIdleReplicaIsCaughtUpAtOnceAndThreadsShareTheLastPosition() throws Exception {
    ReplicaWatch watch = new ReplicaWatch(pair, link, LivePair.tuning(GENEROUS, 0));
    servers.awaitCaughtUp(publication, GENEROUS);
    Lsn target = LivePair.primaryPosition(pair, watch);
    watch.await(target);
    long polls = watch.stats().polls();

    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      CompletableFuture<?>[] work = new CompletableFuture<?>[8];
      for (int t = 0; t < work.length; t++) {
        work[t] =
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    watch.await(target);
                  }
                },
                threads);
      }
      CompletableFuture.allOf(work).get(60, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }

    assertThat(watch.stats().awaits()).isEqualTo(801);
    assertThat(watch.stats().polls()).isEqualTo(polls);
  }

  @Test
  void aPausedSubscriptionStallsTheWaitNamingItAndTheRemedy() {
    ReplicaWatch watch = new ReplicaWatch(pair, link, LivePair.tuning(Duration.ofSeconds(2), 0));
    servers.pauseReplication(publication);
    Lsn target;
    try {
      insert(false);
      target = LivePair.primaryPosition(pair, watch);
      long started = System.nanoTime();

      assertThatThrownBy(() -> watch.await(target))
          .isInstanceOf(ReplicaStalledException.class)
          .hasMessageContaining("within max-wait 2 s")
          .hasMessageContaining("subscription " + publication + " is disabled on the replica")
          .hasMessageContaining("ALTER SUBSCRIPTION \"" + publication + "\" ENABLE")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(GENEROUS);
    } finally {
      servers.resumeReplication(publication);
    }
    watch.await(target);
    assertThat(watch.stats().waits()).isEqualTo(2);
  }

  @Test
  void aReplicaThatDoesNotFollowThePrimaryOrLagAwareOffNeverWaits() throws Exception {
    LiveTuning off = new LiveTuning(false, GENEROUS, 0, 3, Duration.ofSeconds(1), 0, 3);
    List<ReplicaWatch> watches =
        List.of(
            new ReplicaWatch(
                pair,
                ReplicationLink.of(ReplicaKind.INDEPENDENT, "test"),
                LivePair.tuning(GENEROUS, 0)),
            new ReplicaWatch(
                pair,
                ReplicationLink.of(ReplicaKind.PROMOTED, "test"),
                LivePair.tuning(GENEROUS, 0)),
            new ReplicaWatch(pair, link, off));
    for (ReplicaWatch watch : watches) {
      assertThat(watch.waits()).isFalse();
      assertThat(LivePair.primaryPosition(pair, watch)).isEqualTo(new Lsn(0));
      watch.await(Lsn.parse("7FFFFFFF/0"));
      assertThat(watch.stats()).isEqualTo(new LagStats(1, 0, 0, Duration.ZERO, Duration.ZERO, 0));
    }
  }

  @Test
  void aRoleWithoutStatisticsPrivilegesWaitsOnTheConfirmedFlushPosition() {
    String role = "reader_" + schema;
    LivePair.createReader(servers, role, schema);
    try (ServerPair asReader = LivePair.open(servers, role)) {
      ReplicaWatch watch =
          new ReplicaWatch(
              asReader,
              ReplicationProbe.detect(asReader, List.of(items)),
              LivePair.tuning(GENEROUS, 0));
      for (int round = 0; round < 3; round++) {
        long id = insert(round == 1);
        watch.await(LivePair.primaryPosition(asReader, watch));
        assertThat(
                TestServers.query(
                    servers.replica(), "SELECT count(*) FROM " + items + " WHERE id = " + id))
            .isEqualTo("1");
      }
      assertThat(watch.stats().waits()).isPositive();
    } finally {
      LivePair.dropRole(servers, role);
    }
  }

  private static long insert(boolean asynchronous) {
    long id = ids.incrementAndGet();
    LivePair.exec(
        servers.primary(),
        "SET synchronous_commit = "
            + (asynchronous ? "off" : "on")
            + "; INSERT INTO "
            + items
            + " VALUES ("
            + id
            + ", 'row "
            + id
            + "')");
    return id;
  }
}
