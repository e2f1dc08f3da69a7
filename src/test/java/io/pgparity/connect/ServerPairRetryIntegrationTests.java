package io.pgparity.connect;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.LiveTuning;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A pgparity backend terminated in the middle of a query (as a standby restart or a DBA's
 * pg_terminate_backend would) costs one retry on a fresh connection, not the run; with no retries
 * left it fails with a message that says how often it was tried and what to do.
 */
class ServerPairRetryIntegrationTests {

  private static final String ONE_RETRY =
      "attempt 1 of 4 failed on the %s \\[SQLSTATE (57P01|08006)\\]; retrying in \\d+ ms";

  private final EmbeddedPair servers = TestServers.pair();
  private final Logger logger = (Logger) LoggerFactory.getLogger(Retrier.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final String marker = "pgparity_retry_" + UUID.randomUUID().toString().replace("-", "");
  private final AtomicInteger attempts = new AtomicInteger();

  @BeforeEach
  void listen() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(logged);
  }

  @Test
  void aTerminatedQueryIsRetriedOnAFreshConnection() throws Exception {
    try (ServerPair pair = ServerPair.open(definition(3))) {
      CompletableFuture<Integer> terminated = terminateWhenRunning(servers.primary());
      int pid = pair.on(Side.PRIMARY, "sleepy query", (c, s) -> sleepOnFirstAttempt(c));

      // the retry ran on another backend: the broken connection left the pool
      assertThat(terminated.get(90, SECONDS)).isNotEqualTo(pid);
      assertThat(attempts).hasValue(2);
      assertThat(pair.retries()).isEqualTo(1);
      assertThat(warnings("sleepy query"))
          .singleElement()
          .asString()
          .matches("sleepy query: " + ONE_RETRY.formatted("primary"));
      // and the pool serves both sides as before
      assertThat(pair.onBoth("after the retry", (c, s) -> pid(c)).primary())
          .isNotEqualTo(terminated.get());
    }
  }

  @Test
  void withoutRetriesATerminatedQueryFailsNamingTheAttempts() throws Exception {
    try (ServerPair pair = ServerPair.open(definition(0))) {
      CompletableFuture<Integer> terminated = terminateWhenRunning(servers.replica());
      assertThatThrownBy(
              () ->
                  pair.onBoth(
                      "sleepy query", (c, s) -> s == Side.REPLICA ? sleepOnFirstAttempt(c) : 0))
          .isInstanceOfSatisfying(
              RetriesExhaustedException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.side()).isEqualTo(Side.REPLICA);
              })
          .hasMessageMatching(
              "sleepy query: query failed on the replica after 1 attempt \\(retries: 0\\): .*"
                  + "\\[(57P01|08006)\\]; check that the replica is up \\(see its log\\) and the network between,"
                  + " or raise retries \\(at most 20\\)");
      assertThat(terminated.get(90, SECONDS)).isPositive();
      assertThat(attempts).hasValue(1);
      assertThat(pair.retries()).isZero();
      assertThat(warnings("sleepy query")).isEmpty();
    }
  }

  @Test
  void pairedWorkRunsAgainFromScratchWhenOneSideDrops() throws Exception {
    try (ServerPair pair = ServerPair.open(definition(3))) {
      CompletableFuture<Integer> terminated = terminateWhenRunning(servers.replica());
      Both<Integer> pids =
          pair.withBoth(
              "paired sleep",
              (primary, replica) -> {
                try {
                  return new Both<>(pid(primary), sleepOnFirstAttempt(replica));
                } catch (SQLException e) {
                  throw new SideFailure(Side.REPLICA, e);
                }
              });
      assertThat(terminated.get(90, SECONDS)).isNotEqualTo(pids.replica());
      assertThat(attempts).hasValue(2);
      assertThat(pair.retries()).isEqualTo(1);
      assertThat(warnings("paired sleep"))
          .singleElement()
          .asString()
          .matches("paired sleep: " + ONE_RETRY.formatted("replica"));
    }
  }

  private JobDefinition definition(int retries) {
    LiveTuning live =
        new LiveTuning(true, Duration.ofMinutes(2), 0, 3, Duration.ofSeconds(1), 0, retries);
    return new JobDefinition(
        "retries",
        new ConnectionSpec(servers.primaryUrl(), null),
        new ConnectionSpec(servers.replicaUrl(), null),
        List.of(TableSpec.of(TableRef.parse("public.any"))),
        new Tuning(1, 1000, 10, Duration.ofMinutes(2), Duration.ofSeconds(3), live),
        Path.of("unused"),
        null);
  }

  /**
   * The first attempt sleeps until it is terminated; any later one answers at once. Returns the
   * backend pid.
   */
  private int sleepOnFirstAttempt(Connection connection) throws SQLException {
    int seconds = attempts.incrementAndGet() == 1 ? 90 : 0;
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT pg_backend_pid() FROM pg_sleep(" + seconds + ") /* " + marker + " */")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static int pid(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * Terminates, once, the pgparity backend that runs the marked query as soon as it shows up; gives
   * its pid.
   */
  private CompletableFuture<Integer> terminateWhenRunning(DataSource server) {
    return CompletableFuture.supplyAsync(
        () -> {
          long deadline = System.nanoTime() + Duration.ofSeconds(80).toNanos();
          try (Connection connection = server.getConnection();
              PreparedStatement find =
                  connection.prepareStatement(
                      "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgparity' AND state = 'active'"
                          + " AND pid <> pg_backend_pid() AND strpos(query, ?) > 0");
              PreparedStatement terminate =
                  connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
            find.setString(1, marker);
            while (System.nanoTime() < deadline) {
              try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) {
                  int pid = rs.getInt(1);
                  // a separate statement: in one WHERE the planner may terminate before it filters
                  terminate.setInt(1, pid);
                  try (ResultSet done = terminate.executeQuery()) {
                    done.next();
                    if (!done.getBoolean(1)) {
                      throw new IllegalStateException("could not terminate backend " + pid);
                    }
                  }
                  return pid;
                }
              }
              Thread.sleep(20);
            }
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          throw new IllegalStateException(
              "no pgparity backend ran the query " + marker + " within 80 s");
        });
  }

  private List<String> warnings(String what) {
    return logged.list.stream()
        .filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().startsWith(what + ":"))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
