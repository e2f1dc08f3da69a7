package io.pgparity.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.ConfigException;
import io.pgparity.config.TablePattern;
import io.pgparity.config.TableSelection;
import io.pgparity.config.TableSpec;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.LeftOutTable;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Selections resolved against two real catalogs that differ as a replica's may: partitions on one
 * side only, a table partitioned on one side and plain on the other, an unlogged table on the
 * primary, a table a second role may not read on the primary, a foreign table, a materialized view,
 * a table on the replica only.
 */
class TableDiscoveryIntegrationTests {

  private static EmbeddedPair servers;
  private static String schema;
  private static String role;

  @BeforeAll
  static void createTables() {
    servers = TestServers.pair();
    schema = TestServers.uniqueSchema("discovery");
    role = schema + "_reader";
    String s = schema;
    servers.execBoth(
        """
        CREATE TABLE %1$s.plain (id bigint PRIMARY KEY, v text);
        CREATE TABLE %1$s.tmp_a (id bigint PRIMARY KEY);
        CREATE TABLE %1$s.tmp_b (id bigint PRIMARY KEY, code text NOT NULL UNIQUE);
        CREATE TABLE %1$s.batch_job_execution (job_execution_id bigint PRIMARY KEY);
        CREATE TABLE %1$s."Mixed Case" (id bigint PRIMARY KEY);
        CREATE TABLE %1$s.orders (id bigint, day int, PRIMARY KEY (id, day)) PARTITION BY RANGE (day);
        CREATE TABLE %1$s.orders_1 PARTITION OF %1$s.orders FOR VALUES FROM (0) TO (10);
        CREATE TABLE %1$s.orders_2 PARTITION OF %1$s.orders FOR VALUES FROM (10) TO (20)
          PARTITION BY RANGE (day);
        CREATE TABLE %1$s.orders_2a PARTITION OF %1$s.orders_2 FOR VALUES FROM (10) TO (15);
        CREATE MATERIALIZED VIEW %1$s.mv AS SELECT id FROM %1$s.plain;
        CREATE TABLE %1$s.secret (id bigint PRIMARY KEY);
        CREATE FOREIGN DATA WRAPPER %1$s_fdw;
        CREATE SERVER %1$s_server FOREIGN DATA WRAPPER %1$s_fdw;
        CREATE FOREIGN TABLE %1$s.remote (id bigint) SERVER %1$s_server;
        """
            .formatted(s));
    TestServers.exec(
        servers.primary(),
        """
        CREATE TABLE %1$s.orders_3 PARTITION OF %1$s.orders FOR VALUES FROM (20) TO (30);
        CREATE TABLE %1$s.events (id bigint) PARTITION BY LIST (id);
        CREATE TABLE %1$s.events_1 PARTITION OF %1$s.events FOR VALUES IN (1);
        CREATE UNLOGGED TABLE %1$s.scratch (id bigint PRIMARY KEY);
        """
            .formatted(s));
    TestServers.exec(
        servers.replica(),
        """
        CREATE TABLE %1$s.events (id bigint);
        CREATE TABLE %1$s.scratch (id bigint PRIMARY KEY);
        CREATE TABLE %1$s.only_replica (id bigint PRIMARY KEY);
        """
            .formatted(s));
    // a role that reads everything but the primary's secret table
    servers.execBoth(
        """
        DROP ROLE IF EXISTS %2$s;
        CREATE ROLE %2$s LOGIN;
        GRANT USAGE ON SCHEMA %1$s TO %2$s;
        GRANT SELECT ON ALL TABLES IN SCHEMA %1$s TO %2$s;
        """
            .formatted(s, role));
    TestServers.exec(servers.primary(), "REVOKE SELECT ON %s.secret FROM %s".formatted(s, role));
  }

  @AfterAll
  static void dropTables() {
    TestServers.dropSchema(schema);
    servers.execBoth(
        "DROP SERVER IF EXISTS %1$s_server CASCADE; DROP FOREIGN DATA WRAPPER IF EXISTS %1$s_fdw;"
                .formatted(schema)
            + " DROP ROLE IF EXISTS "
            + role);
  }

  private static TableRef t(String name) {
    return new TableRef(schema, name);
  }

  private static Discovery discover(List<TableSpec> exact, TableSelection selection)
      throws SQLException {
    try (Connection primary = connect(servers.primaryUrl());
        Connection replica = connect(servers.replicaUrl())) {
      return TableDiscovery.discover(primary, replica, exact, selection);
    }
  }

  // as the second role: the privilege column is the connecting role's
  private static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url.replace("user=postgres", "user=" + role));
  }

  private static TableSelection select(boolean materializedViews, String... exclude) {
    return new TableSelection(
        List.of(TablePattern.schema(schema)),
        List.of(exclude).stream().map(TablePattern::parse).toList(),
        materializedViews);
  }

  private static Map<String, String> leftOut(Discovery discovery) {
    return discovery.leftOut().stream()
        .collect(
            Collectors.toMap(
                l -> l.table().name(),
                l -> l.reason() + (l.detail() == null ? "" : ": " + l.detail())));
  }

  @Test
  void aSchemaResolvesToItsTablesLeavesAndReasons() throws SQLException {
    Discovery discovery = discover(List.of(), select(false, schema + ".tmp_*"));
    System.out.println("compared: " + discovery.compared());
    System.out.println("left out: " + discovery.leftOut());
    assertThat(discovery.tables())
        .extracting(spec -> spec.table().name())
        .containsExactly(
            "Mixed Case", "events", "only_replica", "orders_1", "orders_2a", "orders_3", "plain");
    assertThat(leftOut(discovery))
        .containsOnly(
            Map.entry(
                "batch_job_execution",
                "EXCLUDED: a Spring Batch job repository table, which pgparity itself writes during"
                    + " a run; name it exactly to compare it"),
            Map.entry("tmp_a", "EXCLUDED: matches --exclude/exclude: " + schema + ".tmp_*"),
            Map.entry("tmp_b", "EXCLUDED: matches --exclude/exclude: " + schema + ".tmp_*"),
            Map.entry("orders", "COMPARED_THROUGH_PARTITIONS: 3 partitions"),
            Map.entry("orders_2", "COMPARED_THROUGH_PARTITIONS: 1 partition"),
            Map.entry("mv", "MATERIALIZED_VIEW: on both sides; --materialized-views compares it"),
            Map.entry("remote", "FOREIGN_TABLE: on both sides"),
            Map.entry("scratch", "UNLOGGED: on the primary"),
            Map.entry("secret", "NO_SELECT_PRIVILEGE: on the primary"));
    DiscoveredTable events =
        discovery.compared().stream()
            .filter(d -> d.spec().table().equals(t("events")))
            .findFirst()
            .orElseThrow();
    assertThat(events.detail())
        .isEqualTo(
            "partitioned on the primary only (1 partition there), a plain table on the other side:"
                + " compared as a whole");
    assertThat(discovery.unmatched()).isEmpty();
    assertThat(discovery.requireMatches()).isSameAs(discovery);
  }

  @Test
  void materializedViewsAreComparedOnRequest() throws SQLException {
    Discovery discovery = discover(List.of(), select(true));
    assertThat(discovery.tables()).extracting(TableSpec::table).contains(t("mv"));
    assertThat(discovery.leftOut()).extracting(LeftOutTable::table).doesNotContain(t("mv"));
  }

  @Test
  void exactEntriesWinOverExcludesAndLeavesInheritTheirOptions() throws SQLException {
    TableSpec tmpB = new TableSpec(t("tmp_b"), List.of("code"), List.of(), List.of(), null);
    TableSpec orders =
        new TableSpec(t("orders"), List.of("id", "day"), List.of(), List.of(), "day >= 0");
    TableSpec unlogged = TableSpec.of(t("scratch"));
    Discovery discovery =
        discover(
            List.of(tmpB, orders, unlogged), select(false, schema + ".tmp_*", schema + ".orders*"));
    assertThat(discovery.tables()).contains(tmpB, unlogged);
    assertThat(discovery.tables())
        .filteredOn(spec -> spec.table().name().startsWith("orders"))
        .containsExactly(
            new TableSpec(t("orders_1"), List.of("id", "day"), List.of(), List.of(), "day >= 0"),
            new TableSpec(t("orders_2a"), List.of("id", "day"), List.of(), List.of(), "day >= 0"),
            new TableSpec(t("orders_3"), List.of("id", "day"), List.of(), List.of(), "day >= 0"));
    assertThat(leftOut(discovery)).doesNotContainKeys("tmp_b", "scratch", "orders_1");
    assertThat(leftOut(discovery))
        .containsEntry("orders", "COMPARED_THROUGH_PARTITIONS: 3 partitions");
  }

  @Test
  void aPatternOnPartitionsAloneComparesThemAndNotTheirParent() throws SQLException {
    Discovery discovery =
        discover(
            List.of(),
            new TableSelection(
                List.of(TablePattern.parse(schema + ".orders_?")), List.of(), false));
    assertThat(discovery.tables())
        .extracting(spec -> spec.table().name())
        .containsExactly("orders_1", "orders_2a", "orders_3");
    assertThat(leftOut(discovery))
        .containsOnly(Map.entry("orders_2", "COMPARED_THROUGH_PARTITIONS: 1 partition"));
  }

  @Test
  void aPatternThatMatchesNothingIsAnError() throws SQLException {
    Discovery discovery =
        discover(
            List.of(),
            new TableSelection(
                List.of(TablePattern.schema(schema), TablePattern.parse(schema + "_typo.*")),
                List.of(),
                false));
    assertThat(discovery.unmatched()).containsExactly(TablePattern.parse(schema + "_typo.*"));
    assertThatThrownBy(discovery::requireMatches)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "verify: pattern '"
                + schema
                + "_typo.*' match no table on either side; check the spelling (unquoted names fold"
                + " to lower case, double-quote a name with upper case) or remove it");
  }

  @Test
  void aSelectionThatLeavesNothingIsAnErrorNotAnEmptyRun() throws SQLException {
    Discovery discovery =
        discover(
            List.of(),
            new TableSelection(
                List.of(TablePattern.parse(schema + ".tmp_*")),
                List.of(TablePattern.parse(schema + ".tmp_?")),
                false));
    assertThat(discovery.compared()).isEmpty();
    assertThatThrownBy(discovery::requireMatches)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("verify: the selection leaves no table to compare (2 left out: ")
        .hasMessageContaining(schema + ".tmp_a EXCLUDED");
  }

  @Test
  void systemSchemasAreNeverListed() throws SQLException {
    try (Connection primary = connect(servers.primaryUrl())) {
      RelationListing listing = RelationListing.read(primary);
      assertThat(listing.tables())
          .extracting(TableRef::schema)
          .noneMatch(s -> s.startsWith("pg_") || s.equals("information_schema"))
          .contains(schema);
      assertThat(listing.get(t("orders_2a")).orElseThrow().parent()).isEqualTo(t("orders_2"));
      assertThat(listing.ancestors(t("orders_2a"))).containsExactly(t("orders_2"), t("orders"));
    }
  }
}
