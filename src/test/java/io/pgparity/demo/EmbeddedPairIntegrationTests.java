package io.pgparity.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.testing.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared pair really replicates, and pausing really stops replication. */
class EmbeddedPairIntegrationTests {

  private static EmbeddedPair pair;
  private static String schema;
  private static String publication;
  private static String items;

  @BeforeAll
  static void replicateOneTable() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("pair");
    publication = "pub_" + schema;
    items = schema + ".items";
    pair.execBoth("CREATE TABLE " + items + " (id bigint PRIMARY KEY, label text)");
    exec(
        pair.primary(),
        "INSERT INTO " + items + " SELECT g, 'item ' || g FROM generate_series(1, 1000) g");
    pair.replicate(publication, items);
  }

  @AfterAll
  static void dropAll() {
    pair.dropReplication(publication);
    TestServers.dropSchema(schema);
  }

  @Test
  void urlsPointAtTwoDifferentLocalServers() {
    assertThat(pair.primaryUrl())
        .startsWith("jdbc:postgresql://")
        .endsWith("/postgres?user=postgres");
    assertThat(pair.replicaUrl()).startsWith("jdbc:postgresql://").isNotEqualTo(pair.primaryUrl());
    assertThat(TestServers.query(pair.primary(), "SELECT current_setting('wal_level')"))
        .isEqualTo("logical");
  }

  @Test
  void initialCopyAndLaterWritesReachTheReplica() {
    assertThat(
            TestServers.query(
                pair.replica(), "SELECT count(*) FROM " + items + " WHERE id <= 1000"))
        .isEqualTo("1000");
    exec(pair.primary(), "UPDATE " + items + " SET label = 'changed' WHERE id = 7");
    pair.awaitCaughtUp(Duration.ofSeconds(30));
    assertThat(TestServers.query(pair.replica(), "SELECT label FROM " + items + " WHERE id = 7"))
        .isEqualTo("changed");
  }

  @Test
  void pausedReplicationHoldsWritesBackUntilResumed() {
    exec(pair.primary(), "INSERT INTO " + items + " VALUES (5001, 'before the stall')");
    pair.awaitCaughtUp(Duration.ofSeconds(30));
    pair.pauseReplication(publication);
    exec(pair.primary(), "INSERT INTO " + items + " VALUES (5002, 'during the stall')");
    exec(pair.primary(), "DELETE FROM " + items + " WHERE id = 5001");
    sleep(1500);
    assertThat(
            TestServers.query(
                pair.replica(),
                "SELECT string_agg(id::text, ',') FROM " + items + " WHERE id > 5000"))
        .isEqualTo("5001");

    pair.resumeReplication(publication);
    pair.awaitCaughtUp(Duration.ofSeconds(30));
    assertThat(
            TestServers.query(
                pair.replica(),
                "SELECT string_agg(id || '=' || label, ',') FROM " + items + " WHERE id > 5000"))
        .isEqualTo("5002=during the stall");
  }

  @Test
  void waitingForAPausedSubscriptionFailsWithItsName() {
    pair.pauseReplication(publication);
    try {
      assertThatThrownBy(() -> pair.awaitCaughtUp(publication, Duration.ofSeconds(1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(publication)
          .hasMessageContaining("paused");
    } finally {
      pair.resumeReplication(publication);
    }
    pair.awaitCaughtUp(Duration.ofSeconds(30));
  }

  @Test
  void replicatingExistingTablesCopiesNothingStreamsAndToleratesWritesOnTheReplica() {
    String linked = schema + ".linked";
    pair.execBoth("CREATE TABLE " + linked + " (id bigint PRIMARY KEY, label text)");
    exec(
        pair.primary(),
        "INSERT INTO " + linked + " VALUES (1, 'a'), (2, 'b'), (3, 'only on the primary')");
    exec(pair.replica(), "INSERT INTO " + linked + " VALUES (1, 'a'), (2, 'b')");
    String name = "linked_" + schema;
    try {
      pair.replicateExisting(name, linked);

      assertThat(
              TestServers.query(
                  pair.primary(),
                  "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"
                      + " AND application_name = '"
                      + name
                      + "'"))
          .isEqualTo("1");
      assertThat(
              TestServers.query(
                  pair.replica(), "SELECT string_agg(id::text, ',' ORDER BY id) FROM " + linked))
          .as("no initial copy")
          .isEqualTo("1,2");
      // drift written on the replica, as the bench does, while the primary keeps writing other rows
      exec(pair.replica(), "UPDATE " + linked + " SET label = 'drift' WHERE id = 2");
      exec(pair.primary(), "INSERT INTO " + linked + " VALUES (4, 'later')");
      pair.awaitCaughtUp(name, Duration.ofSeconds(30));
      assertThat(
              TestServers.query(
                  pair.replica(),
                  "SELECT string_agg(id || '=' || label, ',' ORDER BY id) FROM " + linked))
          .isEqualTo("1=a,2=drift,4=later");
    } finally {
      pair.dropReplication(name);
    }
  }

  @Test
  void rejectsNamesThatCannotBeSlotNames() {
    assertThatThrownBy(() -> pair.replicate("Bad-Name", items))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Bad-Name");
  }

  @Test
  void aCopyThatCannotSucceedFailsFastNamingTheSubscription() {
    String conflicting = schema + ".copy_conflict";
    pair.execBoth("CREATE TABLE " + conflicting + " (id bigint PRIMARY KEY)");
    pair.execBoth("INSERT INTO " + conflicting + " VALUES (1)");
    String name = "copy_" + schema;
    try {
      long started = System.nanoTime();
      assertThatThrownBy(() -> pair.replicate(name, conflicting))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(name)
          .hasMessageContaining("initial copy failed");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    } finally {
      pair.dropReplication(name);
    }
  }

  @Test
  void aConflictWhileApplyingFailsTheWaitNamingTheSubscription() {
    String conflicting = schema + ".apply_conflict";
    pair.execBoth("CREATE TABLE " + conflicting + " (id bigint PRIMARY KEY)");
    String name = "apply_" + schema;
    pair.replicate(name, conflicting);
    try {
      exec(pair.replica(), "INSERT INTO " + conflicting + " VALUES (1)");
      exec(pair.primary(), "INSERT INTO " + conflicting + " VALUES (1)");
      assertThatThrownBy(() -> pair.awaitCaughtUp(name, Duration.ofSeconds(30)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(name)
          .hasMessageContaining("applying changes failed");
    } finally {
      pair.dropReplication(name);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static void exec(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }
}
