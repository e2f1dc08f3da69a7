package io.pgparity.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.CatalogReader;
import io.pgparity.catalog.TablePlan;
import io.pgparity.catalog.TablePlanner;
import io.pgparity.catalog.TableSchema;
import io.pgparity.config.TableSpec;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.keyspace.KeySql;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Tables hashed together in one UNION ALL get exactly the sums each gets hashed alone as one range
 * in one slice: the batch is a cheaper route to the same numbers, never other numbers. Covered: a
 * filter, rows with a NULL key column (a replica need not forbid them), an empty table, a table
 * whose name needs quoting, and two tables with the same rows (each keeps its own sums).
 */
class TableBatchHasherIntegrationTests {

  private final EmbeddedPair servers = TestServers.pair();

  @Test
  void aBatchSumsEachTableExactlyAsHashingItAloneDoes() throws Exception {
    String schema = TestServers.uniqueSchema("batch_hash");
    servers.execBoth(
        "CREATE TABLE "
            + schema
            + ".a (id int PRIMARY KEY, v numeric, t text);"
            + " INSERT INTO "
            + schema
            + ".a SELECT g, g / 7.0, md5(g::text) FROM generate_series(1, 3000) g;"
            + " CREATE TABLE "
            + schema
            + ".b (id int NOT NULL, v float8);"
            + " CREATE UNIQUE INDEX ON "
            + schema
            + ".b (id);"
            + " INSERT INTO "
            + schema
            + ".b SELECT g, -0.0 FROM generate_series(1, 50) g;"
            + " CREATE TABLE "
            + schema
            + ".\"Empty.Odd\"\"Name\" (id int PRIMARY KEY);"
            + " CREATE TABLE "
            + schema
            + ".a2 (LIKE "
            + schema
            + ".a INCLUDING ALL);"
            + " INSERT INTO "
            + schema
            + ".a2 SELECT * FROM "
            + schema
            + ".a;");
    try (Connection c = servers.primary().getConnection()) {
      c.setAutoCommit(false);
      List<TablePlan> plans = new ArrayList<>();
      plans.add(
          plan(
              c,
              new TableSpec(
                  new TableRef(schema, "a"), List.of(), List.of(), List.of(), "id % 3 <> 0")));
      plans.add(
          plan(
              c,
              new TableSpec(new TableRef(schema, "b"), List.of("id"), List.of(), List.of(), null)));
      plans.add(plan(c, TableSpec.of(new TableRef(schema, "Empty.Odd\"Name"))));
      // as on a replica without the primary's NOT NULL: rows with a NULL key, planned before
      try (var s = c.createStatement()) {
        s.execute("ALTER TABLE " + schema + ".b ALTER id DROP NOT NULL");
        s.execute("INSERT INTO " + schema + ".b VALUES (NULL, 1), (NULL, 2)");
      }
      plans.add(plan(c, TableSpec.of(new TableRef(schema, "a2"))));
      Map<Integer, Map<Integer, BucketSum>> batch = new TableBatchHasher(plans).hash(c);
      for (int t = 0; t < plans.size(); t++) {
        Map<Integer, BucketSum> alone =
            new BucketHasher(plans.get(t)).hash(c, List.of(), new HashSlice(0, 1));
        assertThat(batch.getOrDefault(t, Map.of()))
            .as(plans.get(t).table().toString())
            .isEqualTo(alone);
      }
      assertThat(batch.get(0).get(0).rows()).isEqualTo(2000);
      assertThat(batch.get(1).get(KeySql.NULL_KEYS).rows()).isEqualTo(2);
      assertThat(batch).doesNotContainKey(2);
      assertThat(batch.get(3).get(0)).isNotEqualTo(batch.get(0).get(0));
      c.rollback();
    }
  }

  private static TablePlan plan(Connection c, TableSpec spec) throws Exception {
    Optional<TableSchema> schema = CatalogReader.read(c, spec.table());
    return TablePlanner.plan(spec, schema, schema);
  }
}
