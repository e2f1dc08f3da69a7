package io.pgparity.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A physical standby streams, pauses, disconnects and promotes for real; a write load writes. */
class PhysicalStandbyIntegrationTests {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final AtomicInteger schemas = new AtomicInteger();

  private static PhysicalStandby pair;
  private static ServerSql primary;
  private static ServerSql standby;

  @BeforeAll
  static void startPair() {
    pair = PhysicalStandby.startOrSkip();
    primary = new ServerSql("primary", pair.primary());
    standby = new ServerSql("standby", pair.standby());
  }

  @AfterAll
  static void stopPair() {
    if (pair != null) {
      pair.close();
    }
  }

  @Test
  void rowsWrittenOnThePrimaryAppearOnTheStandbyOnceReplayed() {
    assertThat(pair.standbyUrl())
        .startsWith("jdbc:postgresql://localhost:")
        .endsWith("/postgres?user=postgres")
        .isNotEqualTo(pair.primaryUrl());
    String items = itemsTable(primary);
    primary.run("INSERT INTO " + items + " SELECT g, 'item ' || g FROM generate_series(1, 100) g");
    pair.awaitReplayed(TIMEOUT);
    assertThat(standby.text("SELECT count(*) || '/' || sum(id) FROM " + items))
        .isEqualTo("100/5050");
  }

  @Test
  void theStandbyIsInRecoveryAndRefusesWrites() {
    String items = itemsTable(primary);
    pair.awaitReplayed(TIMEOUT);
    assertThat(standby.test("SELECT pg_is_in_recovery()")).isTrue();
    assertThat(primary.test("SELECT pg_is_in_recovery()")).isFalse();
    assertThat(standby.text("SELECT status FROM pg_stat_wal_receiver")).isEqualTo("streaming");
    assertThatThrownBy(() -> insertDirectly(pair.standby(), items))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
  }

  @Test
  void pausedReplayHoldsRowsBackUntilResumed() {
    String items = itemsTable(primary);
    pair.awaitReplayed(TIMEOUT);
    pair.pauseReplay();
    try {
      primary.run("INSERT INTO " + items + " VALUES (1, 'during the pause')");
      String written = primary.text("SELECT pg_current_wal_lsn()::text");
      // the WAL arrives while paused, it is only not replayed
      ServerSql.await(
          "the standby has received " + written,
          TIMEOUT,
          () -> standby.test("SELECT pg_last_wal_receive_lsn() >= ?::pg_lsn", written),
          () -> "received " + standby.text("SELECT pg_last_wal_receive_lsn()::text"));
      assertThat(standby.text("SELECT count(*) FROM " + items)).isEqualTo("0");
      assertThatThrownBy(() -> pair.awaitReplayed(Duration.ofMillis(500)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("replay paused");
    } finally {
      pair.resumeReplay();
    }
    pair.awaitReplayed(TIMEOUT);
    assertThat(standby.text("SELECT label FROM " + items)).isEqualTo("during the pause");
  }

  @Test
  void disconnectedStandbyGetsNothingUntilReconnected() {
    String items = itemsTable(primary);
    pair.awaitReplayed(TIMEOUT);
    pair.disconnect();
    try {
      primary.run("INSERT INTO " + items + " VALUES (1, 'while disconnected')");
      assertThat(standby.text("SELECT count(*) FROM pg_stat_wal_receiver")).isEqualTo("0");
      assertThatThrownBy(() -> pair.awaitReplayed(Duration.ofMillis(500)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("WAL receiver not running");
      assertThat(standby.text("SELECT count(*) FROM " + items)).isEqualTo("0");
    } finally {
      pair.reconnect();
    }
    pair.awaitReplayed(TIMEOUT);
    assertThat(standby.text("SELECT label FROM " + items)).isEqualTo("while disconnected");
  }

  @Test
  void promotedStandbyLeavesRecoveryAndAcceptsWrites() throws SQLException {
    // promotion cannot be undone: a pair of its own
    try (PhysicalStandby own = PhysicalStandby.startOrSkip()) {
      ServerSql ownPrimary = new ServerSql("own primary", own.primary());
      ServerSql promoted = new ServerSql("promoted", own.standby());
      String items = itemsTable(ownPrimary);
      ownPrimary.run("INSERT INTO " + items + " VALUES (1, 'before promotion')");
      own.awaitReplayed(TIMEOUT);
      own.promote();
      assertThat(promoted.test("SELECT pg_is_in_recovery()")).isFalse();
      insertDirectly(own.standby(), items);
      assertThat(promoted.text("SELECT string_agg(label, ',' ORDER BY id) FROM " + items))
          .isEqualTo("before promotion,direct");
      assertThat(ownPrimary.text("SELECT count(*) FROM " + items)).isEqualTo("1");
    }
  }

  @Test
  void writeLoadChangesBothTablesAndTheStandbyEndsIdentical() throws InterruptedException {
    String schema = "load_" + schemas.incrementAndGet();
    LoadSchema.create(pair.primary(), schema);
    LoadSchema.seed(pair.primary(), schema, 200);
    String usersBefore = fingerprint(primary, LoadSchema.users(schema));
    WriteLoad load = WriteLoad.start(pair.primary(), schema);
    try (load) {
      Thread.sleep(2_000); // how long the load runs, not a wait for an outcome
      load.awaitTransactions(10, TIMEOUT);
    }
    assertThat(load.error()).isEmpty();
    assertThat(load.transactions()).isPositive();
    assertThat(load.inserts()).isPositive();
    assertThat(load.updates()).isPositive();
    assertThat(load.deletes()).isPositive();
    pair.awaitReplayed(TIMEOUT);
    for (TableRef table : new TableRef[] {LoadSchema.users(schema), LoadSchema.sessions(schema)}) {
      String count = "SELECT count(*) FROM " + SqlIdentifier.quote(table);
      assertThat(standby.text(count)).as("rows of %s", table).isEqualTo(primary.text(count));
      assertThat(fingerprint(standby, table)).isEqualTo(fingerprint(primary, table));
    }
    assertThat(fingerprint(primary, LoadSchema.users(schema))).isNotEqualTo(usersBefore);
  }

  @Test
  void writeLoadStopsOnItsFirstErrorAndCloseRethrowsIt() {
    String schema = "load_" + schemas.incrementAndGet();
    LoadSchema.create(pair.primary(), schema);
    LoadSchema.seed(pair.primary(), schema, 10);
    WriteLoad load = WriteLoad.start(pair.primary(), schema);
    load.awaitTransactions(3, TIMEOUT);
    primary.run("DROP TABLE " + SqlIdentifier.quote(LoadSchema.sessions(schema)));
    ServerSql.await(
        "the load has failed", TIMEOUT, () -> load.error().isPresent(), () -> "no error yet");
    assertThatThrownBy(load::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not exist");
  }

  private static String itemsTable(ServerSql on) {
    String schema = SqlIdentifier.quote("standby_" + schemas.incrementAndGet());
    on.run("CREATE SCHEMA " + schema);
    on.run("CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY, label text)");
    return schema + ".items";
  }

  private static void insertDirectly(javax.sql.DataSource dataSource, String items)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO " + items + " VALUES (2, 'direct')");
    }
  }

  private static String fingerprint(ServerSql on, TableRef table) {
    return on.text(
        "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t.id)), '')"
            + " FROM "
            + SqlIdentifier.quote(table)
            + " t");
  }
}
