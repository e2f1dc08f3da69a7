package io.pgparity.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.TableSpec;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A table created with its key on the primary and with less (or other) enforcement on the replica,
 * as a logical subscriber's hand-made DDL may be: both catalogs are read for real and planned, and
 * the findings must say exactly what the replica's DDL allows.
 */
class KeyEnforcementIntegrationTests {

  private static final String SURPLUS =
      "pgparity compares rows per key as multisets and reports each surplus copy";
  private static final String NO_IDENTITY =
      "the replica has no primary key (the primary's is (id)) and no REPLICA IDENTITY USING INDEX: as a logical"
          + " subscriber it cannot apply UPDATE or DELETE unless the published table has REPLICA IDENTITY FULL";
  private static final String NOT_UNIQUE =
      "the replica has no primary key or unique index over (id) (the primary's primary key is (id)): rows with the"
          + " same key can exist there; "
          + SURPLUS;
  private static final String NULL_ID =
      "key column id allows NULL on the replica (NOT NULL on the primary): rows with a NULL key can exist there;"
          + " they are reported with a null key";

  private static EmbeddedPair servers;
  private static String schema;

  @BeforeAll
  static void createSchema() {
    servers = TestServers.pair();
    schema = TestServers.uniqueSchema("key_enforcement");
  }

  @AfterAll
  static void dropSchema() {
    TestServers.dropSchema(schema);
  }

  @Test
  void theSameKeyOnBothSidesIsNoFinding() throws SQLException {
    assertThat(
            plan("same", "id bigint PRIMARY KEY, v text", "id bigint PRIMARY KEY, v text")
                .allFindings())
        .isEmpty();
  }

  @Test
  void aReplicaWithoutThePrimaryKeyCanHoldDuplicateAndNullKeys() throws SQLException {
    TablePlan plan = plan("bare", "id bigint PRIMARY KEY, v text", "id bigint, v text");
    assertThat(plan.comparable()).isTrue();
    assertThat(plan.keyNames()).containsExactly("id");
    assertThat(plan.allFindings()).containsExactly(NOT_UNIQUE, NULL_ID, NO_IDENTITY);
  }

  @Test
  void aNotNullKeyWithoutUniqueIndexOnTheReplica() throws SQLException {
    assertThat(
            plan("notnull", "id bigint PRIMARY KEY, v text", "id bigint NOT NULL, v text")
                .allFindings())
        .containsExactly(NOT_UNIQUE, NO_IDENTITY);
  }

  @Test
  void aNullableKeyUnderAUniqueIndexOnTheReplica() throws SQLException {
    assertThat(
            plan("nullable", "id bigint PRIMARY KEY, v text", "id bigint UNIQUE, v text")
                .allFindings())
        .containsExactly(NULL_ID, NO_IDENTITY);
  }

  @Test
  void onlyAUniqueIndexOnTheReplicaKeepsTheKeyButNotLogicalApply() throws SQLException {
    assertThat(
            plan(
                    "unique_only",
                    "id bigint PRIMARY KEY, v text",
                    "id bigint NOT NULL, v text;"
                        + " CREATE UNIQUE INDEX unique_only_id ON "
                        + schema
                        + ".unique_only (id)")
                .allFindings())
        .containsExactly(NO_IDENTITY);
    assertThat(
            plan(
                    "identity",
                    "id bigint PRIMARY KEY, v text",
                    "id bigint NOT NULL, v text;"
                        + " CREATE UNIQUE INDEX identity_id ON "
                        + schema
                        + ".identity (id);"
                        + " ALTER TABLE "
                        + schema
                        + ".identity REPLICA IDENTITY USING INDEX identity_id")
                .allFindings())
        .isEmpty();
  }

  @Test
  void partialAndExpressionIndexesDoNotKeepTheKeyUnique() throws SQLException {
    String table = schema + ".partial";
    assertThat(
            plan(
                    "partial",
                    "id bigint PRIMARY KEY, v text",
                    "id bigint NOT NULL, v text;"
                        + " CREATE UNIQUE INDEX ON "
                        + table
                        + " (id) WHERE id > 0;"
                        + " CREATE UNIQUE INDEX ON "
                        + table
                        + " ((id + 0))")
                .allFindings())
        .containsExactly(NOT_UNIQUE, NO_IDENTITY);
  }

  @Test
  void anInvalidIndexLeftByAFailedConcurrentBuildDoesNotKeepTheKeyUnique() throws SQLException {
    String table = schema + ".invalid";
    servers.execBoth("DROP TABLE IF EXISTS " + table);
    TestServers.exec(
        servers.primary(), "CREATE TABLE " + table + " (id bigint PRIMARY KEY, v text)");
    TestServers.exec(
        servers.replica(),
        "CREATE TABLE "
            + table
            + " (id bigint NOT NULL, v text);"
            + " INSERT INTO "
            + table
            + " VALUES (1, 'a'), (1, 'b')");
    assertThatThrownBy(
            () ->
                TestServers.exec(
                    servers.replica(),
                    "CREATE UNIQUE INDEX CONCURRENTLY invalid_id ON " + table + " (id)"))
        .hasMessageContaining("could not create unique index");
    assertThat(
            TestServers.query(
                servers.replica(),
                "SELECT indisvalid FROM pg_index WHERE indexrelid = '"
                    + schema
                    + ".invalid_id'::regclass"))
        .as("the failed build leaves an invalid unique index behind")
        .isEqualTo("f");
    assertThat(planExisting("invalid", TableSpec.of(ref("invalid"))).allFindings())
        .containsExactly(NOT_UNIQUE, NO_IDENTITY);
  }

  @Test
  void aDeferrableKeyOnTheReplicaHoldsOnlyAtCommit() throws SQLException {
    assertThat(
            plan(
                    "deferrable",
                    "id bigint PRIMARY KEY, v text",
                    "id bigint PRIMARY KEY DEFERRABLE, v text")
                .allFindings())
        .containsExactly(
            "the replica keeps (id) unique only at commit (the replica's primary key is (id), deferrable; the"
                + " primary's primary key is (id)): rows with the same key can exist there inside a transaction but"
                + " not once it commits, and pgparity reads committed rows only; a lower concern");
  }

  @Test
  void includedColumnsAreNotPartOfTheKey() throws SQLException {
    TablePlan plan =
        plan(
            "included",
            "id bigint, v text, PRIMARY KEY (id) INCLUDE (v)",
            "id bigint PRIMARY KEY, v text");
    assertThat(plan.keyNames())
        .as("v is only stored in the index, not kept unique by it")
        .containsExactly("id");
    assertThat(plan.allFindings()).isEmpty();
  }

  @Test
  void anIndexNamingAColumnTwiceKeepsItUnique() throws SQLException {
    TablePlan plan =
        plan(
            "twice",
            "id bigint NOT NULL, v text; CREATE UNIQUE INDEX ON " + schema + ".twice (id, id)",
            "id bigint NOT NULL, v text; CREATE UNIQUE INDEX ON " + schema + ".twice (id, id)");
    assertThat(plan.keyNames()).containsExactly("id");
    assertThat(plan.allFindings()).isEmpty();
  }

  @Test
  void aKeyNamedInTheJobThatThePrimaryDoesNotKeepUnique() throws SQLException {
    TableSpec byCode = new TableSpec(ref("by_code"), List.of("code"), List.of(), List.of(), null);
    create(
        "by_code",
        "id bigint PRIMARY KEY, code text NOT NULL",
        "id bigint PRIMARY KEY, code text NOT NULL UNIQUE");
    assertThat(planExisting("by_code", byCode).allFindings())
        .containsExactly(
            "key (code) is named in the job, but the primary has no primary key or unique index over (code) (the"
                + " replica has a unique index over (code)): rows with the same key can exist on the primary; "
                + SURPLUS);
    create(
        "by_code_both",
        "id bigint PRIMARY KEY, code text NOT NULL",
        "id bigint PRIMARY KEY, code text NOT NULL");
    TableSpec bothByCode =
        new TableSpec(ref("by_code_both"), List.of("code"), List.of(), List.of(), null);
    assertThat(planExisting("by_code_both", bothByCode).allFindings())
        .containsExactly(
            "key (code) is named in the job, but neither side has a primary key or unique index over (code): rows"
                + " with the same key can exist on both sides; "
                + SURPLUS);
  }

  /**
   * Creates {@code name} as {@link #create} does and plans it by the key the primary's catalog
   * gives.
   */
  private static TablePlan plan(String name, String primaryColumns, String replicaColumns)
      throws SQLException {
    create(name, primaryColumns, replicaColumns);
    return planExisting(name, TableSpec.of(ref(name)));
  }

  /**
   * Creates {@code name} on each side from its columns, optionally followed by {@code ;} and more
   * SQL (indexes).
   */
  private static void create(String name, String primaryColumns, String replicaColumns) {
    String table = schema + "." + name;
    servers.execBoth("DROP TABLE IF EXISTS " + table);
    TestServers.exec(servers.primary(), createTable(table, primaryColumns));
    TestServers.exec(servers.replica(), createTable(table, replicaColumns));
  }

  private static String createTable(String table, String columnsThenMore) {
    int end = columnsThenMore.indexOf(';');
    String columns = end < 0 ? columnsThenMore : columnsThenMore.substring(0, end);
    String more = end < 0 ? "" : columnsThenMore.substring(end);
    return "CREATE TABLE " + table + " (" + columns + ")" + more;
  }

  private static TablePlan planExisting(String name, TableSpec spec) throws SQLException {
    return TablePlanner.plan(spec, read(servers.primary(), name), read(servers.replica(), name));
  }

  private static Optional<TableSchema> read(DataSource side, String name) throws SQLException {
    try (Connection connection = side.getConnection()) {
      return CatalogReader.read(connection, ref(name));
    }
  }

  private static TableRef ref(String name) {
    return new TableRef(schema, name);
  }
}
