package io.pgparity.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.LiveTuning;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import io.pgparity.testing.LoadSchema;
import io.pgparity.testing.PhysicalStandby;
import io.pgparity.testing.TestServers;
import io.pgparity.testing.WriteLoad;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verify against a real physical hot standby: under a steady write load rows in flight converge and
 * nothing is reported; a standby whose replay is paused or that receives no WAL leaves the table
 * INCOMPLETE with the reason, never DIVERGENT; a lag above max-lag pauses the run until the standby
 * has caught up. Every test leaves the standby connected and replaying.
 */
class PhysicalStandbyVerifyIntegrationTests {

  private static final Duration GENEROUS = Duration.ofSeconds(120);
  private static final Duration SHORT_WAIT = Duration.ofSeconds(3);
  private static final long MAX_LAG = 64 * 1024;

  private static PhysicalStandby servers;

  @TempDir Path out;

  @BeforeAll
  static void startStandby() {
    servers = PhysicalStandby.startOrSkip();
  }

  @AfterAll
  static void stopStandby() {
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void underASteadyWriteLoadRowsInFlightConvergeAndNothingIsDivergent() {
    String schema = "steady";
    List<TableRef> tables = prepare(schema, 20_000);
    // the standby applies each commit 300 ms late: with ~100 commits/s, dozens of rows are always
    // in flight
    // when the diff reads, the last users range (where new ids land) among them
    applyDelay("'300ms'");
    StandbyRun run;
    try {
      WriteLoad load = WriteLoad.start(servers.primary(), schema);
      try (load) {
        load.awaitTransactions(20, GENEROUS);
        run = launch(tables, StandbyRun.live(GENEROUS, 0, 3, Duration.ofMillis(500)), 1_000);
      }
      assertThat(load.transactions()).isGreaterThanOrEqualTo(20);
    } finally {
      applyDelay(null);
    }

    assertThat(run.outcome().status()).as("%s", run.summary()).isEqualTo(Status.CONSISTENT);
    assertThat(run.exitCode()).isZero();
    assertThat(run.totals().get("divergentRows").asLong()).isZero();
    assertThat(run.divergences()).isEmpty();
    assertThat(run.totals().get("unstableRows").asLong()).isZero();
    long converged = run.totals().get("convergedRows").asLong();
    assertThat(converged).as("rows in flight that converged: %s", run.summary()).isPositive();
    assertThat(run.rechecks())
        .hasSize((int) converged)
        .allSatisfy(line -> assertThat(line.get("outcome").asText()).isEqualTo("CONVERGED"));
    for (TableRef table : tables) {
      assertThat(run.table(table).get("status").asText()).isEqualTo("CONSISTENT");
      assertThat(run.table(table).get("ranges").asInt()).isGreaterThan(5);
    }
    assertThat(run.replication().get("kind").asText()).isEqualTo("PHYSICAL_STANDBY");
    assertThat(run.replication().get("lagAware").asBoolean()).isTrue();
    // the whole run read a server that cannot be written to
    assertThat(TestServers.query(servers.standby(), "SELECT pg_is_in_recovery()")).isEqualTo("t");
  }

  @Test
  void pausedReplayLeavesTheTableIncompleteNamingThePause() {
    TableRef users = prepare("paused", 2_000).get(0);
    servers.pauseReplay();
    StandbyRun run;
    try {
      changeUsers(users);
      run = launch(List.of(users), StandbyRun.live(SHORT_WAIT, 0, 3, Duration.ofMillis(200)), 200);
    } finally {
      servers.resumeReplay();
    }
    servers.awaitReplayed(GENEROUS);

    assertIncomplete(
        run, users, "replay is paused on the replica; run SELECT pg_wal_replay_resume() there");
  }

  @Test
  void aStandbyDelayedBeyondMaxWaitIsIncompleteNamingTheDelay() {
    TableRef users = prepare("delayed", 2_000).get(0);
    applyDelay("'1min'");
    StandbyRun run;
    try {
      changeUsers(users);
      run = launch(List.of(users), StandbyRun.live(SHORT_WAIT, 0, 3, Duration.ofMillis(200)), 200);
    } finally {
      applyDelay(null);
    }
    servers.awaitReplayed(GENEROUS);

    assertIncomplete(run, users, "the replica applies WAL with recovery_min_apply_delay = 1min");
  }

  @Test
  void aDisconnectedStandbyLeavesTheTableIncompleteNamingTheMissingWal() {
    TableRef users = prepare("cut", 2_000).get(0);
    servers.disconnect();
    StandbyRun run;
    try {
      changeUsers(users);
      run = launch(List.of(users), StandbyRun.live(SHORT_WAIT, 0, 3, Duration.ofMillis(200)), 200);
    } finally {
      servers.reconnect();
    }
    servers.awaitReplayed(GENEROUS);

    assertIncomplete(
        run, users, "the replica is not receiving WAL (disconnected from the primary)");
  }

  @Test
  void lagAboveMaxLagPausesTheRunUntilTheStandbyHasCaughtUp() throws Exception {
    TableRef users = prepare("throttled", 2_000).get(0);
    StandbyRun run;
    List<String> logged;
    try (CapturedLog log = CapturedLog.of(LagThrottle.class)) {
      servers.pauseReplay();
      CompletableFuture<StandbyRun> running;
      try {
        // about 1 MB of WAL the paused standby does not replay: far above max-lag
        LivePair.exec(
            servers.primary(),
            "INSERT INTO "
                + SqlIdentifier.quote(users)
                + " (id, email, name, score)"
                + " SELECT g, 'lag' || g || '@example.com', 'Lag ' || g, 1 FROM generate_series(100001, 105000) g");
        running =
            CompletableFuture.supplyAsync(
                () ->
                    launch(
                        List.of(users),
                        StandbyRun.live(Duration.ofSeconds(60), MAX_LAG, 3, Duration.ofMillis(200)),
                        200),
                task -> new Thread(task, "throttled-verify").start());
        await(
            "the run has paused for lag",
            () ->
                running.isDone()
                    || log.messages().stream().anyMatch(line -> line.endsWith(": pausing")));
        assertThat(running).as("the run must wait for the paused standby").isNotDone();
      } finally {
        servers.resumeReplay();
      }
      run = running.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
      logged = log.messages();
    }

    assertThat(run.outcome().status()).as("%s", run.summary()).isEqualTo(Status.CONSISTENT);
    assertThat(run.exitCode()).isZero();
    assertThat(run.table(users).get("rowsReplica").asLong()).isEqualTo(7_000);
    assertThat(run.replication().get("lagPauses").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(run.replication().get("pausedSeconds").decimalValue()).isPositive();
    assertThat(run.replication().get("largestLagBytes").asLong()).isGreaterThan(MAX_LAG);
    assertThat(run.report())
        .containsPattern("Paused [0-9]+ time\\(s\\) for [0-9.]+ s while lag exceeded max-lag");
    assertThat(logged)
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches("Replica lag [0-9.]+ (kB|MB) exceeds max-lag 64\\.0 kB: pausing"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches("Lag back to [0-9.]+ (bytes|kB): resuming after [0-9.]+ s"));
  }

  /**
   * Creates and seeds users and sessions in a schema of their own and waits until the standby has
   * them.
   */
  private static List<TableRef> prepare(String schema, int rows) {
    LoadSchema.create(servers.primary(), schema);
    LoadSchema.seed(servers.primary(), schema, rows);
    List<TableRef> tables = List.of(LoadSchema.users(schema), LoadSchema.sessions(schema));
    tables.forEach(
        table -> LivePair.exec(servers.primary(), "ANALYZE " + SqlIdentifier.quote(table)));
    servers.awaitReplayed(GENEROUS);
    return tables;
  }

  /** Inserts, updates and deletes a few users on the primary only. */
  private static void changeUsers(TableRef users) {
    String table = SqlIdentifier.quote(users);
    LivePair.exec(
        servers.primary(),
        "INSERT INTO "
            + table
            + " (id, email) SELECT g, 'new' || g || '@example.com'"
            + " FROM generate_series(100001, 100010) g");
    LivePair.exec(servers.primary(), "UPDATE " + table + " SET name = 'changed' WHERE id <= 20");
    LivePair.exec(servers.primary(), "DELETE FROM " + table + " WHERE id BETWEEN 500 AND 504");
  }

  private StandbyRun launch(List<TableRef> tables, LiveTuning live, int chunkRows) {
    return StandbyRun.launch(
        servers.primaryUrl(), servers.standbyUrl(), out, tables, chunkRows, live);
  }

  private static void assertIncomplete(StandbyRun run, TableRef users, String reason) {
    assertThat(run.outcome().status()).as("%s", run.summary()).isEqualTo(Status.INCOMPLETE);
    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.table(users).get("status").asText()).isEqualTo("INCOMPLETE");
    assertThat(run.table(users).get("note").asText())
        .contains("within max-wait 3 s")
        .contains(reason);
    // unjudged, never divergent: the rows it could not compare are not reported
    assertThat(run.divergences()).isEmpty();
    assertThat(run.totals().get("divergentRows").asLong()).isZero();
    assertThat(run.replication().get("kind").asText()).isEqualTo("PHYSICAL_STANDBY");
  }

  /**
   * Sets recovery_min_apply_delay on the standby ({@code null} resets it) and waits until it is in
   * force.
   */
  private static void applyDelay(String literal) {
    LivePair.exec(
        servers.standby(),
        literal == null
            ? "ALTER SYSTEM RESET recovery_min_apply_delay"
            : "ALTER SYSTEM SET recovery_min_apply_delay = " + literal);
    LivePair.exec(servers.standby(), "SELECT pg_reload_conf()");
    String wanted = literal == null ? "0" : literal.replace("'", "");
    await(
        "recovery_min_apply_delay is " + wanted,
        () -> wanted.equals(TestServers.query(servers.standby(), "SHOW recovery_min_apply_delay")));
  }

  private static void await(String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + GENEROUS.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "gave up after " + GENEROUS.toSeconds() + " s waiting until " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting until " + what, e);
      }
    }
  }
}
