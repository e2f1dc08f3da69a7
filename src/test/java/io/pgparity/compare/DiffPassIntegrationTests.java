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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way of reading mismatched ranges finds exactly the same divergent rows of a random heap.
 */
class DiffPassIntegrationTests {

  private final EmbeddedPair servers = TestServers.pair();
  private String schema;

  @TempDir Path out;

  @BeforeEach
  void createTable() {
    schema = TestServers.uniqueSchema("diff_pass");
    servers.execBoth(
        "CREATE TABLE "
            + schema
            + ".s (id uuid PRIMARY KEY, n int, v text);"
            + " INSERT INTO "
            + schema
            + ".s SELECT md5('s' || g)::uuid, g, 'v' || g FROM generate_series(1, 20000) g;"
            + " ANALYZE "
            + schema
            + ".s");
    TestServers.exec(
        servers.replica(),
        "DELETE FROM "
            + schema
            + ".s WHERE n IN (3, 1999, 7777, 15001);"
            + " UPDATE "
            + schema
            + ".s SET v = NULL WHERE n IN (10, 4242, 19999);"
            + " UPDATE "
            + schema
            + ".s SET n = -n WHERE n = 12345;"
            + " INSERT INTO "
            + schema
            + ".s VALUES (md5('extra1')::uuid, 0, 'x'), (md5('extra2')::uuid, 0, 'y')");
  }

  @AfterEach
  void dropTable() {
    TestServers.dropSchema(schema);
  }

  @ParameterizedTest
  @EnumSource(DiffPass.class)
  void eachPassFindsExactlyTheDivergentRows(DiffPass pass) throws Exception {
    TableSpec spec =
        new TableSpec(TableRef.parse(schema + ".s"), List.of(), List.of(), List.of(), null);
    JobDefinition definition =
        new JobDefinition(
            "pass",
            new ConnectionSpec(servers.primaryUrl(), null),
            new ConnectionSpec(servers.replicaUrl(), null),
            List.of(spec),
            new Tuning(1, 500, 10_000, Duration.ofMinutes(1), Duration.ofSeconds(5)),
            out,
            null);
    List<KeyValue> boundaries = boundaries(500);
    List<Integer> everyRange = IntStream.rangeClosed(0, boundaries.size()).boxed().toList();
    List<Divergence> found = Collections.synchronizedList(new ArrayList<>());
    try (ServerPair pair = ServerPair.open(definition)) {
      Both<Optional<TableSchema>> schemas =
          pair.onBoth("catalog", (c, s) -> CatalogReader.read(c, spec.table()));
      TablePlan plan = TablePlanner.plan(spec, schemas.primary(), schemas.replica());
      RangeNarrower narrower =
          new RangeNarrower(
              pair, plan, new DiffCounts(10_000), LiveRecheck.none(), found::add, row -> {});
      new BucketPassDiffer(
              pair,
              plan,
              narrower,
              (range, rows) -> {},
              range -> new Both<>(BucketSum.EMPTY, BucketSum.EMPTY))
          .diff(boundaries, everyRange, pass, 200);
    }

    Map<String, DivergenceKind> kinds =
        found.stream().collect(Collectors.toMap(d -> d.key().get("id"), Divergence::kind));
    assertThat(kinds).hasSize(10).containsAllEntriesOf(expected());
  }

  private Map<String, DivergenceKind> expected() throws Exception {
    Map<String, DivergenceKind> expected = new java.util.HashMap<>();
    for (int n : new int[] {3, 1999, 7777, 15001}) {
      expected.put(uuid("s" + n), DivergenceKind.MISSING_ON_REPLICA);
    }
    for (int n : new int[] {10, 4242, 19999, 12345}) {
      expected.put(uuid("s" + n), DivergenceKind.CHANGED);
    }
    expected.put(uuid("extra1"), DivergenceKind.EXTRA_ON_REPLICA);
    expected.put(uuid("extra2"), DivergenceKind.EXTRA_ON_REPLICA);
    return expected;
  }

  private String uuid(String text) throws Exception {
    return query("SELECT md5('" + text + "')::uuid::text").get(0);
  }

  /** Every {@code step}-th key of the primary, so ranges hold rows from all over the heap. */
  private List<KeyValue> boundaries(int step) throws Exception {
    return query(
            "SELECT id::text FROM (SELECT id, row_number() OVER (ORDER BY id) AS r FROM "
                + schema
                + ".s) k WHERE r % "
                + step
                + " = 0 ORDER BY id")
        .stream()
        .map(KeyValue::of)
        .toList();
  }

  private List<String> query(String sql) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection c = servers.primary().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
