package io.pgparity.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pgparity.connect.ServerPair;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Heavy queries wait while a subscriber lags more than max-lag, and go on once it has caught up.
 */
class LagThrottleIntegrationTests {

  private static final long MAX_LAG = 16 * 1024;
  private static final Duration GENEROUS = Duration.ofSeconds(120);

  private static EmbeddedPair servers;
  private static ServerPair pair;
  private static String schema;
  private static String publication;
  private static TableRef items;
  private static ReplicationLink link;
  private static int batches;

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeAll
  static void replicateOneTable() {
    servers = TestServers.pair();
    schema = TestServers.uniqueSchema("throttle");
    publication = "throttle_" + schema;
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

  @BeforeEach
  void captureLog() {
    logged.start();
    ((Logger) LoggerFactory.getLogger(LagThrottle.class)).addAppender(logged);
  }

  @AfterEach
  void releaseLog() {
    ((Logger) LoggerFactory.getLogger(LagThrottle.class)).detachAppender(logged);
  }

  @Test
  void pausesWhileTheSubscriptionLagsAndResumesOnceItCatchesUp() throws Exception {
    servers.awaitCaughtUp(publication, GENEROUS);
    LagThrottle caughtUp = new LagThrottle(pair, link, LivePair.tuning(GENEROUS, MAX_LAG));
    caughtUp.pauseWhileLagging();
    assertThat(caughtUp.stats().pauses()).isZero();

    LagThrottle throttle = new LagThrottle(pair, link, LivePair.tuning(GENEROUS, MAX_LAG));
    servers.pauseReplication(publication);
    CompletableFuture<Void> heavyQuery;
    try {
      writeWal();
      heavyQuery =
          CompletableFuture.runAsync(
              throttle::pauseWhileLagging, runnable -> new Thread(runnable, "heavy").start());
      awaitPause(throttle);
      assertThat(heavyQuery).isNotDone();
    } finally {
      servers.resumeReplication(publication);
    }
    heavyQuery.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);

    PauseStats stats = throttle.stats();
    assertThat(stats.pauses()).isEqualTo(1);
    assertThat(stats.paused()).isPositive();
    assertThat(stats.largestLagBytes()).isGreaterThan(MAX_LAG);
    assertThat(logged.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches("Replica lag [0-9.]+ kB exceeds max-lag 16\\.0 kB: pausing"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches("Lag back to [0-9.]+ (bytes|kB): resuming after [0-9.]+ s"));
  }

  @Test
  void givesUpAfterMaxWaitNamingTheDisabledSubscription() {
    LagThrottle throttle =
        new LagThrottle(pair, link, LivePair.tuning(Duration.ofSeconds(2), MAX_LAG));
    servers.pauseReplication(publication);
    try {
      writeWal();
      assertThatThrownBy(throttle::pauseWhileLagging)
          .isInstanceOf(ReplicaStalledException.class)
          .hasMessageContaining("above max-lag 16.0 kB, for max-wait 2 s")
          .hasMessageContaining("subscription " + publication + " is disabled on the replica");
    } finally {
      servers.resumeReplication(publication);
    }
    assertThat(throttle.stats().pauses()).isEqualTo(1);
    assertThat(throttle.stats().paused()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    servers.awaitCaughtUp(publication, GENEROUS);
  }

  @Test
  void offWithoutMaxLagOrWithoutALink() {
    servers.pauseReplication(publication);
    try {
      writeWal();
      for (LagThrottle throttle :
          List.of(
              new LagThrottle(pair, link, LivePair.tuning(GENEROUS, 0)),
              new LagThrottle(
                  pair,
                  ReplicationLink.of(ReplicaKind.INDEPENDENT, "test"),
                  LivePair.tuning(GENEROUS, 1)))) {
        assertThat(throttle.enabled()).isFalse();
        throttle.pauseWhileLagging();
        assertThat(throttle.stats()).isEqualTo(PauseStats.none());
      }
    } finally {
      servers.resumeReplication(publication);
    }
    servers.awaitCaughtUp(publication, GENEROUS);
  }

  /** About 100 kB of WAL for the published table. */
  private static void writeWal() {
    int batch = ++batches;
    LivePair.exec(
        servers.primary(),
        "INSERT INTO "
            + items
            + " SELECT "
            + batch
            + " * 1000 + g, repeat('x', 500)"
            + " FROM generate_series(1, 200) g");
  }

  private static void awaitPause(LagThrottle throttle) throws InterruptedException {
    long deadline = System.nanoTime() + GENEROUS.toNanos();
    while (throttle.stats().pauses() == 0) {
      assertThat(System.nanoTime()).as("a pause within %s", GENEROUS).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
