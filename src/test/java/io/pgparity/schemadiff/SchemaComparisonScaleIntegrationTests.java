package io.pgparity.schemadiff;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.connect.Both;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.finding.SchemaFinding;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A thousand tables, each with a primary key, a unique and a plain index, a check, a default and a
 * trigger: the catalogs are read with a fixed number of queries whatever the number of tables, so
 * reading and comparing them stays in the order of a second; one changed table is still found.
 */
class SchemaComparisonScaleIntegrationTests {

  private static final int TABLES = 1_000;
  private static EmbeddedPair servers;
  private static String schema;

  @BeforeAll
  static void createTables() {
    servers = TestServers.pair();
    schema = TestServers.uniqueSchema("schemadiff_scale");
    StringBuilder ddl =
        new StringBuilder(
            "CREATE FUNCTION %1$s.f() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';"
                .formatted(schema));
    for (int i = 0; i < TABLES; i++) {
      ddl.append(
          ("CREATE TABLE %1$s.t%2$d (id bigint PRIMARY KEY, code text COLLATE \"C\" UNIQUE,"
                  + " amount int DEFAULT 0 CHECK (amount >= 0), at timestamptz);"
                  + " CREATE INDEX ON %1$s.t%2$d (at);"
                  + " CREATE TRIGGER touch BEFORE UPDATE ON %1$s.t%2$d FOR EACH ROW EXECUTE FUNCTION"
                  + " %1$s.f();")
              .formatted(schema, i));
    }
    servers.execBoth(ddl.toString());
  }

  @AfterAll
  static void dropTables() {
    TestServers.dropSchema(schema);
  }

  @Test
  void aThousandTablesAreReadAndComparedAtOnce() throws SQLException {
    List<TableRef> tables =
        new ArrayList<>(
            IntStream.range(0, TABLES).mapToObj(i -> new TableRef(schema, "t" + i)).toList());
    TestServers.exec(
        servers.replica(), "ALTER TABLE " + schema + ".t777 DROP CONSTRAINT t777_amount_check");
    try (Connection primary = servers.primary().getConnection();
        Connection replica = servers.replica().getConnection()) {
      // warm up the catalog caches of both backends once, as a job's earlier steps have
      SchemaComparison.compare(primary, replica, tables, Map.of(), false);
      long start = System.nanoTime();
      SchemaCatalog onPrimary = SchemaCatalog.read(primary, tables, false);
      long primaryRead = System.nanoTime();
      SchemaCatalog onReplica = SchemaCatalog.read(replica, tables, false);
      long replicaRead = System.nanoTime();
      List<SchemaFinding> findings =
          SchemaComparison.compare(new Both<>(onPrimary, onReplica), Map.of());
      long compared = System.nanoTime();
      System.out.printf(
          "schemadiff %d tables: primary read %d ms, replica read %d ms, compare %d ms%n",
          TABLES,
          (primaryRead - start) / 1_000_000,
          (replicaRead - primaryRead) / 1_000_000,
          (compared - replicaRead) / 1_000_000);
      assertThat(onPrimary.tables()).hasSize(TABLES);
      assertThat(onPrimary.indexes()).hasSize(3 * TABLES);
      assertThat(onPrimary.triggers()).hasSize(TABLES);
      assertThat(findings)
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.table()).isEqualTo(new TableRef(schema, "t777"));
                assertThat(f.object()).isEqualTo("t777_amount_check");
              });
      assertThat((compared - start) / 1_000_000).as("ms for %d tables", TABLES).isLessThan(20_000);
    }
  }
}
