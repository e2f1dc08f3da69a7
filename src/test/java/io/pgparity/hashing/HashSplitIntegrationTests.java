package io.pgparity.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pgparity.catalog.CatalogReader;
import io.pgparity.catalog.TablePlan;
import io.pgparity.catalog.TablePlanner;
import io.pgparity.catalog.TableSchema;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.connect.Both;
import io.pgparity.connect.FailureKind;
import io.pgparity.connect.RetriesExhaustedException;
import io.pgparity.connect.ServerPair;
import io.pgparity.connect.Side;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.failure.CompareException;
import io.pgparity.keyspace.KeyValue;
import io.pgparity.keyspace.RangePlanner;
import io.pgparity.keyspace.SampleMethod;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A heap slice too slow for the statement timeout is hashed in halves on the real server, with the
 * same sums as one unhurried query; a single block that is still too slow ends in the timeout
 * message instead of splitting forever. A where filter that sleeps per row makes a query's cost
 * grow with its blocks, whatever the machine's speed.
 */
class HashSplitIntegrationTests {

  /**
   * One row per block (wide rows, fillfactor 10), so the sleeping filter costs the same per block.
   */
  private static final int ROWS = 64;

  private final EmbeddedPair servers = TestServers.pair();
  private final Logger logger = (Logger) LoggerFactory.getLogger(BucketHasher.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private String schema;

  @BeforeEach
  void createTable() {
    logged.start();
    logger.addAppender(logged);
    schema = TestServers.uniqueSchema("hash_split");
    servers.execBoth(
        "CREATE TABLE "
            + schema
            + ".slow (id int PRIMARY KEY, pad text) WITH (fillfactor = 10);"
            + " INSERT INTO "
            + schema
            + ".slow SELECT g, repeat('x', 600) || g FROM generate_series(1, "
            + ROWS
            + ") g;"
            + " ANALYZE "
            + schema
            + ".slow");
  }

  @AfterEach
  void dropTable() {
    logger.detachAppender(logged);
    TestServers.dropSchema(schema);
  }

  @Test
  void aSliceTooSlowForTheTimeoutIsHashedInHalvesWithTheSameSums() {
    TableSpec fast = spec(null);
    // 20 ms a row: the whole slice needs at least 1.3 s, a single block 20 ms
    TableSpec slow = spec("pg_sleep(0.02) IS NOT NULL");
    Both<Map<Integer, BucketSum>> unhurried;
    List<KeyValue> boundaries;
    try (ServerPair pair = ServerPair.open(definition(fast, Duration.ofMinutes(2)))) {
      boundaries =
          pair.on(
              Side.PRIMARY,
              "boundaries",
              (c, s) ->
                  RangePlanner.boundaries(c, plan(pair, fast), ROWS, 10, SampleMethod.BERNOULLI));
      BucketHasher hasher = new BucketHasher(plan(pair, slow));
      unhurried =
          pair.onBoth("unhurried", (c, s) -> hasher.hash(c, boundaries, new HashSlice(0, 1)));
    }
    assertThat(boundaries).hasSizeGreaterThan(3);
    assertThat(logged.list).isEmpty();

    long middle;
    try (ServerPair pair = ServerPair.open(definition(slow, Duration.ofMillis(400)))) {
      long blocks = blocks(pair);
      assertThat(blocks).isGreaterThanOrEqualTo(ROWS);
      middle = blocks / 2;
      BucketHasher hasher = new BucketHasher(plan(pair, slow));
      Both<Map<Integer, BucketSum>> split =
          pair.onBoth("split", (c, s) -> hasher.hash(c, boundaries, new HashSlice(0, 1)));

      assertThat(split).isEqualTo(unhurried);
      assertThat(split.primary()).isEqualTo(split.replica());
      assertThat(split.primary().values().stream().mapToLong(BucketSum::rows).sum())
          .isEqualTo(ROWS);
      assertThat(pair.retries()).isZero();
    }
    assertThat(logged.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains(
            schema
                + ".slow heap slice 1/1, heap blocks 0-end: statement timeout;"
                + " hashing heap blocks 0-"
                + (middle - 1)
                + " and heap blocks "
                + middle
                + "-end apart");
  }

  @Test
  void aSingleBlockTooSlowForTheTimeoutEndsInTheTimeoutMessage() {
    // a second a row: even one block is over the timeout
    TableSpec slow = spec("pg_sleep(1) IS NOT NULL");
    try (ServerPair pair = ServerPair.open(definition(slow, Duration.ofMillis(300)))) {
      BucketHasher hasher = new BucketHasher(plan(pair, slow));
      assertTimeoutPreemptively(
          Duration.ofMinutes(2),
          () ->
              assertThatThrownBy(
                      () ->
                          pair.onBoth(
                              "slow", (c, s) -> hasher.hash(c, List.of(), new HashSlice(0, 1))))
                  .isInstanceOf(CompareException.class)
                  .isNotInstanceOf(RetriesExhaustedException.class)
                  .hasMessageMatching(
                      "slow: query failed on the (primary|replica): ERROR: canceling statement due to"
                          + " statement timeout \\(on heap blocks 0-0 alone, after splitting the slice down to single"
                          + " blocks\\) \\[57014\\]; the statement-timeout was reached; raise statement-timeout or lower"
                          + " chunk-rows")
                  .satisfies(e -> assertThat(FailureKind.of(e)).isEqualTo(FailureKind.TIMEOUT)));
      assertThat(pair.retries()).isZero();
    }
  }

  private TableSpec spec(String where) {
    return new TableSpec(new TableRef(schema, "slow"), List.of(), List.of(), List.of(), where);
  }

  private JobDefinition definition(TableSpec table, Duration statementTimeout) {
    return new JobDefinition(
        "hash-split",
        new ConnectionSpec(servers.primaryUrl(), null),
        new ConnectionSpec(servers.replicaUrl(), null),
        List.of(table),
        new Tuning(1, 1000, 10, statementTimeout, Duration.ofSeconds(3)),
        Path.of("unused"),
        null);
  }

  private static TablePlan plan(ServerPair pair, TableSpec spec) {
    Both<Optional<TableSchema>> schemas =
        pair.onBoth("catalog", (c, s) -> CatalogReader.read(c, spec.table()));
    TablePlan plan = TablePlanner.plan(spec, schemas.primary(), schemas.replica());
    assertThat(plan.comparable()).isTrue();
    return plan;
  }

  private long blocks(ServerPair pair) {
    return pair.on(
        Side.PRIMARY,
        "blocks",
        (c, s) -> {
          try (Statement statement = c.createStatement();
              ResultSet rs =
                  statement.executeQuery(
                      "SELECT pg_relation_size('"
                          + schema
                          + ".slow') / current_setting('block_size')::bigint")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
