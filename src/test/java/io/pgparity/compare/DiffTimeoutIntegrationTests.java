package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.CatalogReader;
import io.pgparity.catalog.TablePlan;
import io.pgparity.catalog.TablePlanner;
import io.pgparity.catalog.TableSchema;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.connect.Both;
import io.pgparity.connect.ServerPair;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.hashing.BucketSum;
import io.pgparity.keyspace.KeyValue;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A diff pass too slow for the statement timeout is run again over halves of its ranges, and still
 * finds exactly the divergent rows. A where filter that sleeps per row makes each query's cost grow
 * with the rows it reads, whatever the machine's speed.
 */
class DiffTimeoutIntegrationTests {

  private final EmbeddedPair servers = TestServers.pair();
  private String schema;

  @TempDir Path out;

  @BeforeEach
  void createTable() {
    schema = TestServers.uniqueSchema("diff_timeout");
    servers.execBoth(
        "CREATE TABLE "
            + schema
            + ".slow (id int PRIMARY KEY, v text);"
            + " INSERT INTO "
            + schema
            + ".slow SELECT g, 'v' || g FROM generate_series(1, 5000) g;"
            + " ANALYZE "
            + schema
            + ".slow");
    TestServers.exec(
        servers.replica(), "UPDATE " + schema + ".slow SET v = 'drift' WHERE id IN (5, 25, 45)");
  }

  @AfterEach
  void dropTable() {
    TestServers.dropSchema(schema);
  }

  @Test
  void aDiffPassThatTimesOutIsSplitAndStillExact() throws Exception {
    // 30 ms a row: three ranges of ten rows need 900 ms, two 600 ms, one 300 ms
    TableSpec slow =
        new TableSpec(
            TableRef.parse(schema + ".slow"),
            List.of(),
            List.of(),
            List.of(),
            "pg_sleep(0.03) IS NOT NULL");
    JobDefinition definition =
        new JobDefinition(
            "timeout",
            new ConnectionSpec(servers.primaryUrl(), null),
            new ConnectionSpec(servers.replicaUrl(), null),
            List.of(slow),
            new Tuning(1, 10, 10_000, Duration.ofMillis(500), Duration.ofSeconds(5)),
            out,
            null);
    List<Divergence> found = Collections.synchronizedList(new ArrayList<>());
    try (ServerPair pair = ServerPair.open(definition)) {
      Both<Optional<TableSchema>> schemas =
          pair.onBoth("catalog", (c, s) -> CatalogReader.read(c, slow.table()));
      TablePlan plan = TablePlanner.plan(slow, schemas.primary(), schemas.replica());
      RangeNarrower narrower =
          new RangeNarrower(
              pair, plan, new DiffCounts(10_000), LiveRecheck.none(), found::add, row -> {});
      // ranges 0, 2 and 4 of [.., 11), [11, 21), [21, 31), ... hold ids 1-10, 21-30 and 41-50;
      // enough
      // rows elsewhere that the planner reads these through the index, not by a sequential scan
      List<KeyValue> boundaries =
          List.of(
              KeyValue.of("11"),
              KeyValue.of("21"),
              KeyValue.of("31"),
              KeyValue.of("41"),
              KeyValue.of("51"));

      new BucketPassDiffer(
              pair,
              plan,
              narrower,
              (range, rows) -> {},
              range -> new Both<>(BucketSum.EMPTY, BucketSum.EMPTY))
          .diff(boundaries, List.of(0, 2, 4), DiffPass.INDEX_BATCHES, 1);
    }

    assertThat(found).extracting(d -> d.key().get("id")).containsExactlyInAnyOrder("5", "25", "45");
    assertThat(found)
        .allMatch(d -> d.kind() == DivergenceKind.CHANGED && d.columns().equals(List.of("v")));
  }
}
