package io.pgparity.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.LiveTuning;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import io.pgparity.testing.LoadSchema;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import io.pgparity.testing.WriteLoad;
import io.pgparity.verdict.ExitCode;
import io.pgparity.verdict.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verify end to end against a logical subscriber: under a write load on the primary it reports
 * exactly the rows drifted on the replica; with a disabled subscription it either waits (and raises
 * no false alarm) or, past max-wait, leaves the table INCOMPLETE naming the subscription; on a
 * quiet primary it does not wait for WAL its own reads wrote.
 */
class LogicalReplicaVerifyIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration GENEROUS = Duration.ofMinutes(2);
  private static final int SEEDED = 20_000;
  private static final int CHUNK_ROWS = 200;

  /**
   * Users with negative ids, which the write load never touches (it picks rows by id >= a positive
   * number); a fixed updated_at, so the replica can be reset to exactly the primary's rows.
   */
  private static final String NEGATIVE_USERS =
      "SELECT -g, 'neg' || g || '@example.com', 'Negative ' || g, g / 10.0,"
          + " timestamptz '2024-01-01 00:00:00+00' FROM generate_series(1, 200) g";

  private static final String DRIFT_TOKEN = "replica-only drift";

  private static EmbeddedPair servers;
  private static String schema;
  private static String publication;
  private static TableRef users;
  private static TableRef sessions;

  @TempDir Path out;

  @BeforeAll
  static void replicateLoadTables() {
    servers = TestServers.pair();
    schema = TestServers.uniqueSchema("logical_verify");
    publication = "pub_" + schema;
    users = LoadSchema.users(schema);
    sessions = LoadSchema.sessions(schema);
    // logical replication copies rows, not DDL
    LoadSchema.create(servers.primary(), schema);
    LoadSchema.create(servers.replica(), schema);
    servers.replicate(publication, users.toString(), sessions.toString());
    LoadSchema.seed(servers.primary(), schema, SEEDED);
    TestServers.exec(
        servers.primary(),
        "INSERT INTO "
            + SqlIdentifier.quote(users)
            + " (id, email, name, score, updated_at) "
            + NEGATIVE_USERS);
    servers.awaitCaughtUp(publication, GENEROUS);
  }

  @AfterAll
  static void dropAll() {
    if (servers != null && schema != null) {
      try {
        servers.dropReplication(publication);
      } finally {
        TestServers.dropSchema(schema);
      }
    }
  }

  @BeforeEach
  void replicaCaughtUp() {
    servers.awaitCaughtUp(publication, GENEROUS);
  }

  @ParameterizedTest(name = "drift set {0}")
  @ValueSource(longs = {11, 23, 37})
  void underWriteLoadExactlyTheInjectedRowsAreDivergent(long seed) {
    resetDrift();
    try {
      List<Reported> injected = injectDrift(new SplittableRandom(seed));
      RunOutcome outcome;
      try (WriteLoad load = WriteLoad.start(servers.primary(), schema)) {
        load.awaitTransactions(20, GENEROUS);
        long before = load.transactions();
        outcome = launch(List.of(users, sessions), live(true, GENEROUS));
        assertThat(load.transactions()).as("the load wrote while verify ran").isGreaterThan(before);
      }

      String context = "drift set " + seed + ": " + outcome.verdict();
      assertThat(outcome.status()).as(context).isEqualTo(Status.DIVERGENT);
      assertThat(ExitCode.of(outcome.status()).code()).isEqualTo(1);
      List<Reported> reported =
          RunFiles.divergences(outcome.runFolder()).stream().map(Reported::of).toList();
      assertThat(reported)
          .as(context)
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(injected);

      JsonNode summary = RunFiles.summary(outcome.runFolder());
      assertThat(summary.get("status").stringValue()).isEqualTo("DIVERGENT");
      assertThat(summary.get("totals").get("divergentRows").asLong()).isEqualTo(injected.size());
      assertThat(summary.get("totals").get("unstableRows").asLong()).as(context).isZero();
      for (TableRef table : List.of(users, sessions)) {
        JsonNode result = RunFiles.table(outcome.runFolder(), table.toString());
        assertThat(result.get("unstable").asLong()).as("%s: %s unstable", context, table).isZero();
        assertThat(result.get("status").stringValue())
            .as("%s: %s", context, table)
            .isEqualTo("DIVERGENT");
        assertThat(result.get("missingOnReplica").asLong())
            .isEqualTo(count(injected, table, "MISSING_ON_REPLICA"));
        assertThat(result.get("extraOnReplica").asLong())
            .isEqualTo(count(injected, table, "EXTRA_ON_REPLICA"));
        assertThat(result.get("changed").asLong()).isEqualTo(count(injected, table, "CHANGED"));
      }
      assertThat(summary.get("replication").get("kind").stringValue())
          .isEqualTo("LOGICAL_SUBSCRIBER");
      assertThat(summary.get("replication").get("lagAware").asBoolean()).isTrue();
      // rows in flight were rechecked and converged; none of them is an injected one
      List<JsonNode> rechecked = rechecks(outcome.runFolder());
      assertThat(rechecked)
          .as(context)
          .allMatch(r -> r.get("outcome").stringValue().equals("CONVERGED"));
      assertThat(rechecked).hasSize((int) summary.get("totals").get("convergedRows").asLong());
      List<String> injectedKeys = injected.stream().map(Reported::key).toList();
      assertThat(rechecked)
          .noneMatch(r -> injectedKeys.contains(r.get("key").get("id").stringValue()));
    } finally {
      resetDrift();
    }
  }

  @Test
  void onAQuietPrimaryReadsThatPruneDoNotHoldTheWaitBack() {
    // dead row versions on full pages: the verify run's own reads of the primary prune them, which
    // writes WAL that a replica can only confirm once the primary has flushed it
    TestServers.exec(
        servers.primary(),
        "UPDATE "
            + SqlIdentifier.quote(users)
            + " SET score = score + 1 WHERE id > 0 AND id % 40 = 0");
    servers.awaitCaughtUp(publication, GENEROUS);
    TestServers.exec(
        servers.replica(),
        "UPDATE " + SqlIdentifier.quote(users) + " SET name = 'Drifted' WHERE id = -7");
    try {
      RunOutcome outcome = launch(List.of(users), live(true, Duration.ofSeconds(5)));

      assertThat(outcome.status()).as(outcome.verdict()).isEqualTo(Status.DIVERGENT);
      assertThat(RunFiles.divergences(outcome.runFolder()).stream().map(Reported::of).toList())
          .containsExactly(new Reported(users.toString(), "-7", "CHANGED", List.of("name")));
    } finally {
      resetDrift();
    }
  }

  @Test
  void aPausedSubscriptionPastMaxWaitLeavesTheTableIncompleteNamingIt() {
    servers.pauseReplication(publication);
    try {
      assertThat(renameWhilePaused(5)).hasSize(5);

      RunOutcome outcome = launch(List.of(users), live(true, Duration.ofSeconds(3)));

      assertThat(outcome.status()).as(outcome.verdict()).isEqualTo(Status.INCOMPLETE);
      assertThat(ExitCode.of(outcome.status()).code()).isEqualTo(4);
      assertThat(outcome.verdict()).startsWith("INCOMPLETE");
      JsonNode result = RunFiles.table(outcome.runFolder(), users.toString());
      assertThat(result.get("status").stringValue()).isEqualTo("INCOMPLETE");
      assertThat(result.get("note").stringValue())
          .contains("within max-wait 3 s")
          .contains("subscription " + publication + " is disabled on the replica")
          .contains("ALTER SUBSCRIPTION \"" + publication + "\" ENABLE");
      // a replica that is behind is never reported as divergent
      assertThat(RunFiles.divergences(outcome.runFolder())).isEmpty();
      JsonNode summary = RunFiles.summary(outcome.runFolder());
      assertThat(summary.get("status").stringValue()).isEqualTo("INCOMPLETE");
      assertThat(summary.get("replication").get("kind").stringValue())
          .isEqualTo("LOGICAL_SUBSCRIBER");
    } finally {
      servers.resumeReplication(publication);
    }
  }

  @Test
  void waitingForAPausedSubscriptionAvoidsTheFalseAlarmsOfAPlainRun() throws Exception {
    servers.pauseReplication(publication);
    boolean resumed = false;
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      List<Reported> renamed =
          renameWhilePaused(50).stream()
              .map(id -> new Reported(users.toString(), id, "CHANGED", List.of("name")))
              .toList();
      assertThat(renamed).hasSize(50);

      // without lag-awareness the replica is read as it is: 50 rows in flight look divergent
      RunOutcome plain = launch(List.of(users), live(false, GENEROUS));
      assertThat(plain.status()).as(plain.verdict()).isEqualTo(Status.DIVERGENT);
      assertThat(RunFiles.divergences(plain.runFolder()).stream().map(Reported::of).toList())
          .containsExactlyInAnyOrderElementsOf(renamed);
      assertThat(RunFiles.summary(plain.runFolder()).get("replication").get("lagAware").asBoolean())
          .isFalse();
      assertThat(RunFiles.summary(plain.runFolder()).get("replication").get("waits").asLong())
          .isZero();

      String since = query(servers.primary(), "SELECT clock_timestamp()::text");
      Future<RunOutcome> aware =
          thread.submit(() -> launch(List.of(users), live(true, Duration.ofSeconds(60))));
      awaitPollingReplicaPosition(since, aware);
      // the run now waits for the paused subscription; let it wait a while before resuming
      Thread.sleep(2_000);
      servers.resumeReplication(publication);
      resumed = true;
      RunOutcome outcome = aware.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);

      assertThat(outcome.status()).as(outcome.verdict()).isEqualTo(Status.CONSISTENT);
      assertThat(ExitCode.of(outcome.status()).code()).isZero();
      assertThat(RunFiles.divergences(outcome.runFolder())).isEmpty();
      JsonNode summary = RunFiles.summary(outcome.runFolder());
      assertThat(summary.get("totals").get("divergentRows").asLong()).isZero();
      JsonNode replication = summary.get("replication");
      assertThat(replication.get("lagAware").asBoolean()).isTrue();
      assertThat(replication.get("waits").asLong()).isGreaterThanOrEqualTo(1);
      assertThat(replication.get("longestWaitSeconds").asDouble())
          .as("waited through the pause")
          .isGreaterThanOrEqualTo(2.0);
    } finally {
      if (!resumed) {
        servers.resumeReplication(publication);
      }
      thread.shutdown();
      assertThat(thread.awaitTermination(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
  }

  /**
   * Renames {@code rows} existing users on the primary (an earlier load may have deleted any given
   * one) to names they never had, and returns their ids.
   */
  private static List<String> renameWhilePaused(int rows) {
    String u = SqlIdentifier.quote(users);
    return column(
        servers.primary(),
        "UPDATE "
            + u
            + " SET name = 'renamed while paused ' || gen_random_uuid()"
            + " WHERE id IN (SELECT id FROM "
            + u
            + " WHERE id >= 1000 ORDER BY id LIMIT "
            + rows
            + ") RETURNING id::text");
  }

  // --- drift

  /**
   * Changes, deletes and adds rows on the replica that the load never touches, and returns how each
   * must be reported. CHANGED columns are listed in the table's column order.
   */
  private static List<Reported> injectDrift(SplittableRandom random) {
    List<Integer> negative = new ArrayList<>(IntStream.rangeClosed(1, 200).boxed().toList());
    for (int i = negative.size() - 1; i > 0; i--) {
      negative.set(i, negative.set(random.nextInt(i + 1), negative.get(i)));
    }
    String u = SqlIdentifier.quote(users);
    String[][] changes = {
      {"name = 'Drifted'", "name"},
      {"score = score + 1", "score"},
      {"email = upper(email), name = NULL", "email,name"},
      // scale only: 0.5 and 0.50 are equal numbers but print differently
      {"score = round(score, 2)", "score"},
      {"updated_at = updated_at + interval '1 microsecond'", "updated_at"},
    };
    List<Reported> expected = new ArrayList<>();
    List<String> sql = new ArrayList<>();
    int next = 0;
    int changed = 3 + random.nextInt(3);
    for (int i = 0; i < changed; i++) {
      int id = -negative.get(next++);
      String[] change = changes[random.nextInt(changes.length)];
      sql.add("UPDATE " + u + " SET " + change[0] + " WHERE id = " + id);
      expected.add(
          new Reported(
              users.toString(), String.valueOf(id), "CHANGED", List.of(change[1].split(","))));
    }
    int missing = 2 + random.nextInt(3);
    for (int i = 0; i < missing; i++) {
      int id = -negative.get(next++);
      sql.add("DELETE FROM " + u + " WHERE id = " + id);
      expected.add(
          new Reported(users.toString(), String.valueOf(id), "MISSING_ON_REPLICA", List.of()));
    }
    int extraUsers = 2 + random.nextInt(3);
    for (int i = 0; i < extraUsers; i++) {
      int id = -(1_000 + random.nextInt(100_000));
      if (expected.stream().noneMatch(r -> r.key().equals(String.valueOf(id)))) {
        sql.add(
            "INSERT INTO "
                + u
                + " (id, email, name) VALUES ("
                + id
                + ", 'extra@example.com', 'Extra')");
        expected.add(
            new Reported(users.toString(), String.valueOf(id), "EXTRA_ON_REPLICA", List.of()));
      }
    }
    int extraSessions = 2 + random.nextInt(3);
    for (int i = 0; i < extraSessions; i++) {
      UUID id = new UUID(random.nextLong(), random.nextLong());
      sql.add(
          "INSERT INTO "
              + SqlIdentifier.quote(sessions)
              + " (id, user_id, token) VALUES ('"
              + id
              + "', -1, '"
              + DRIFT_TOKEN
              + "')");
      expected.add(new Reported(sessions.toString(), id.toString(), "EXTRA_ON_REPLICA", List.of()));
    }
    TestServers.exec(servers.replica(), String.join(";\n", sql));
    return expected;
  }

  /**
   * Puts the replica's drifted rows back as the primary has them; the write load must be stopped.
   */
  private static void resetDrift() {
    String u = SqlIdentifier.quote(users);
    TestServers.exec(
        servers.replica(),
        "DELETE FROM "
            + u
            + " WHERE id < 0;"
            + "INSERT INTO "
            + u
            + " (id, email, name, score, updated_at) "
            + NEGATIVE_USERS
            + ";"
            + "DELETE FROM "
            + SqlIdentifier.quote(sessions)
            + " WHERE token = '"
            + DRIFT_TOKEN
            + "'");
  }

  // --- running verify

  private static LiveTuning live(boolean lagAware, Duration maxWait) {
    return new LiveTuning(lagAware, maxWait, 0, 3, Duration.ofMillis(500), 0, 3);
  }

  private RunOutcome launch(List<TableRef> tables, LiveTuning live) {
    JobDefinition definition =
        new JobDefinition(
            "logical",
            new ConnectionSpec(servers.primaryUrl(), null),
            new ConnectionSpec(servers.replicaUrl(), null),
            tables.stream().map(TableSpec::of).toList(),
            new Tuning(2, CHUNK_ROWS, 10_000, Duration.ofMinutes(5), Duration.ofSeconds(5), live),
            out,
            null);
    RunOutcome outcome = new SpringVerifyLauncher().launch(definition);
    assertThat(outcome.runFolder()).as(outcome.verdict()).isNotNull();
    return outcome;
  }

  /**
   * Returns once a run started after {@code since} (the primary's clock) has read the replica's
   * position from the slots, which a lag-aware run does only when it must wait for the replica.
   */
  private static void awaitPollingReplicaPosition(String since, Future<RunOutcome> run)
      throws Exception {
    // WalPositions' slot query (ReplicationCatalog and StallDiagnosis read slots differently); a
    // pooled connection shows it only until its ROLLBACK, so one connection samples often
    String polling =
        "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
            + " AND query_start >= ?::timestamptz AND query LIKE '%AS wanted(slot_name)%pg_stat_replication%')";
    long deadline = System.nanoTime() + GENEROUS.toNanos();
    try (Connection connection = servers.primary().getConnection();
        PreparedStatement statement = connection.prepareStatement(polling)) {
      statement.setString(1, since);
      while (true) {
        // autocommit: every sample reads fresh activity statistics
        try (ResultSet rs = statement.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            return;
          }
        }
        if (run.isDone()) {
          throw new AssertionError(
              "verify ended without waiting for the paused replica: " + run.get().verdict());
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("verify did not poll the replica's position within " + GENEROUS);
        }
        Thread.sleep(2);
      }
    }
  }

  private static List<JsonNode> rechecks(Path runFolder) {
    try {
      return Files.readAllLines(runFolder.resolve("rechecks.jsonl")).stream()
          .filter(line -> !line.isBlank())
          .map(JSON::readTree)
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String query(javax.sql.DataSource dataSource, String sql, String... parameters) {
    return column(dataSource, sql, parameters).get(0);
  }

  /** The first column of every row. */
  private static List<String> column(
      javax.sql.DataSource dataSource, String sql, String... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      List<String> values = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static long count(List<Reported> rows, TableRef table, String kind) {
    return rows.stream()
        .filter(r -> r.table().equals(table.toString()) && r.kind().equals(kind))
        .count();
  }

  /**
   * One divergences.jsonl line as the test compares it: table, single key value, kind, CHANGED
   * columns.
   */
  private record Reported(String table, String key, String kind, List<String> columns) {

    static Reported of(JsonNode line) {
      List<String> columns = new ArrayList<>();
      line.get("columns").forEach(c -> columns.add(c.stringValue()));
      return new Reported(
          line.get("table").stringValue(),
          line.get("key").get("id").stringValue(),
          line.get("kind").stringValue(),
          List.copyOf(columns));
    }
  }
}
