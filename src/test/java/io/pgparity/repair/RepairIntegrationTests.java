package io.pgparity.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.RunOutcome;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * repair.sql against real servers: literals re-enter exactly, foreign keys order the statements,
 * generated and identity columns, stale rows left alone, triggers on and off, and the command's
 * refusals. The shared pair's replica is written directly (no subscription): drift by hand.
 */
class RepairIntegrationTests {

  private static EmbeddedPair pair;
  private static String schema;

  @TempDir Path out;

  @BeforeAll
  static void createSchema() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("repair");
  }

  @AfterAll
  static void dropSchema() {
    if (schema != null) {
      TestServers.dropSchema(schema);
    }
  }

  @Test
  void literalsOfAwkwardValuesReadBackAsTheSameText() {
    pair.execBoth("CREATE TYPE " + schema + ".mood AS ENUM ('ok', 'it''s \"fine\"', 'NULL')");
    String[][] cases = {
      {"it's \\ \"q\" 日本 🙂", "text"},
      {"", "text"},
      {"NULL", "text"},
      {"line\nbreak\r\tend", "text"},
      {"NaN", "double precision"},
      {"-0", "double precision"},
      {"-Infinity", "real"},
      {"5e-324", "double precision"},
      {"NaN", "numeric"},
      {"1.500", "numeric"},
      {"\\x00ff5c27", "bytea"},
      {"{\"a\": [1.0, \"it's\\n\"]}", "jsonb"},
      {"{1,NULL,-3}", "integer[]"},
      {"{\"NULL\",NULL,\"a,b\",\"\\\\\"}", "text[]"},
      {"it's \"fine\"", schema + ".mood"},
      {"{ok,\"it's \\\"fine\\\"\"}", schema + ".mood[]"},
      {"2024-02-29 23:59:59.123456+00", "timestamp with time zone"},
      {"-infinity", "date"},
      {"-1 days +02:03:04.5", "interval"},
      {"ab", "character(5)"},
      {"10.0.0.1/32", "inet"},
      {"[1,5)", "int4range"}
    };
    try (Connection connection = pair.replica().getConnection();
        Statement statement = connection.createStatement()) {
      RepairHeader.SETTINGS.forEach(s -> execute(statement, s));
      for (String[] c : cases) {
        try (ResultSet rs =
            statement.executeQuery("SELECT (" + SqlLiteral.typed(c[0], c[1]) + ")::text")) {
          rs.next();
          assertThat(rs.getString(1)).as("%s as %s", c[0], c[1]).isEqualTo(c[0]);
        }
      }
      try (ResultSet rs =
          statement.executeQuery("SELECT (" + SqlLiteral.typed(null, "jsonb") + ") IS NULL")) {
        rs.next();
        assertThat(rs.getBoolean(1)).isTrue();
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void parentsAreInsertedBeforeChildrenAndChildrenDeletedBeforeParents() {
    String parent = schema + ".parent";
    String child = schema + ".child";
    pair.execBoth(
        "CREATE TABLE "
            + parent
            + " (id int PRIMARY KEY, name text);"
            + "CREATE TABLE "
            + child
            + " (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES "
            + parent
            + ");"
            + "INSERT INTO "
            + parent
            + " VALUES (1, 'one'), (2, 'two');"
            + "INSERT INTO "
            + child
            + " VALUES (10, 1), (11, 2)");
    // the replica lost parent 1 with its child, and has a parent 3 the primary never had, which
    // child 11 (and an extra child 12) now point at
    TestServers.exec(
        pair.replica(),
        "DELETE FROM "
            + child
            + " WHERE id = 10; DELETE FROM "
            + parent
            + " WHERE id = 1;"
            + "INSERT INTO "
            + parent
            + " VALUES (3, 'three'); INSERT INTO "
            + child
            + " VALUES (12, 3);"
            + "UPDATE "
            + child
            + " SET parent_id = 3 WHERE id = 11");
    // the job lists the child first: the order comes from the catalog, not the job
    RunOutcome run =
        RepairRuns.verify(
            pair.primaryUrl(), pair.replicaUrl(), out, List.of(child, parent), true, false);
    assertThat(run.status()).isEqualTo(Status.DIVERGENT);

    List<String> statements = RepairRuns.statements(run.runFolder());
    assertThat(statements).hasSize(5);
    String quotedParent = "\"" + schema + "\".\"parent\"";
    String quotedChild = "\"" + schema + "\".\"child\"";
    assertThat(statements.get(0)).startsWith("INSERT INTO " + quotedParent);
    // the child's own statements come in the diff's order (by row hash); only the tables' order is
    // fixed
    assertThat(statements.subList(1, 4))
        .satisfiesExactlyInAnyOrder(
            s -> assertThat(s).startsWith("INSERT INTO " + quotedChild),
            s ->
                assertThat(s)
                    .startsWith(
                        "UPDATE " + quotedChild + " SET \"parent_id\" = '2'::integer WHERE"),
            s -> assertThat(s).startsWith("DELETE FROM " + quotedChild));
    assertThat(statements.get(4)).startsWith("DELETE FROM " + quotedParent);

    RepairRuns.Result applied = RepairRuns.repair(run.runFolder().toString(), "--apply");
    assertThat(applied.code()).as(applied.err()).isZero();
    assertThat(applied.line())
        .startsWith("APPLIED: 5 of 5 statements on the replica (2 INSERT, 1 UPDATE, 2 DELETE)");
    assertConsistent(List.of(child, parent));
  }

  @Test
  void generatedColumnsAreNeverWrittenAndIdentityValuesAreKept() {
    String table = schema + ".ids";
    pair.execBoth(
        "CREATE TABLE "
            + table
            + " (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a int,"
            + " doubled int GENERATED ALWAYS AS (a * 2) STORED, seq int GENERATED BY DEFAULT AS IDENTITY, tag text);"
            + "INSERT INTO "
            + table
            + " (id, a, seq, tag) OVERRIDING SYSTEM VALUE"
            + " SELECT g * 7, g, 100 + g, 'row ' || g FROM generate_series(1, 5) g");
    TestServers.exec(
        pair.replica(),
        "DELETE FROM " + table + " WHERE id = 14; UPDATE " + table + " SET a = 99 WHERE id = 21");
    RunOutcome run =
        RepairRuns.verify(pair.primaryUrl(), pair.replicaUrl(), out, List.of(table), true, false);
    assertThat(run.status()).isEqualTo(Status.DIVERGENT);

    List<String> statements = RepairRuns.statements(run.runFolder());
    String quoted = "\"" + schema + "\".\"ids\"";
    // rows of one range come in the diff's order (by row hash), not by key
    assertThat(statements)
        .containsExactlyInAnyOrder(
            "INSERT INTO "
                + quoted
                + " (\"id\", \"a\", \"seq\", \"tag\") OVERRIDING SYSTEM VALUE SELECT '14'::bigint,"
                + " '2'::integer, '102'::integer, 'row 2'::text WHERE NOT EXISTS (SELECT 1 FROM "
                + quoted
                + " WHERE \"id\" = '14'::bigint);",
            "UPDATE "
                + quoted
                + " SET \"a\" = '3'::integer WHERE \"id\" = '21'::bigint AND (\"id\"::text COLLATE \"C\" = '21'"
                + " AND \"a\"::text COLLATE \"C\" = '99' AND \"doubled\"::text COLLATE \"C\" = '198'"
                + " AND \"seq\"::text COLLATE \"C\" = '103' AND \"tag\"::text COLLATE \"C\" = 'row 3');");

    RepairRuns.Result applied = RepairRuns.repair(run.runFolder().toString(), "--apply");
    assertThat(applied.code()).as(applied.err()).isZero();
    assertConsistent(List.of(table));
  }

  @Test
  void rowsChangedAfterVerifyAreSkippedAsStaleAndKeepTheirNewerValues() {
    String table = schema + ".stale";
    pair.execBoth(
        "CREATE TABLE "
            + table
            + " (id int PRIMARY KEY, v text);"
            + "INSERT INTO "
            + table
            + " SELECT g, 'v' || g FROM generate_series(1, 6) g");
    TestServers.exec(
        pair.replica(),
        "UPDATE "
            + table
            + " SET v = 'drift' WHERE id IN (1, 5);"
            + "DELETE FROM "
            + table
            + " WHERE id IN (2, 6); INSERT INTO "
            + table
            + " VALUES (7, 'extra'), (8, 'extra')");
    RunOutcome run =
        RepairRuns.verify(pair.primaryUrl(), pair.replicaUrl(), out, List.of(table), true, false);
    assertThat(RepairRuns.statements(run.runFolder())).hasSize(6);
    // after verify, an application writes to 1, 2 and 7 on the replica; 5, 6 and 8 stay as verify
    // saw them
    TestServers.exec(
        pair.replica(),
        "UPDATE "
            + table
            + " SET v = 'newer' WHERE id IN (1, 7);"
            + "INSERT INTO "
            + table
            + " VALUES (2, 'newer')");

    RepairRuns.Result applied =
        RepairRuns.repair(run.runFolder().toString(), "--apply", "--batch-size", "2");

    assertThat(applied.code()).as(applied.err()).isEqualTo(4);
    assertThat(applied.line())
        .startsWith(
            "INCOMPLETE: 3 of 6 statements applied on the replica (1 INSERT, 1 UPDATE, 1 DELETE)"
                + " in 4 transactions, 3 skipped as stale: the target row changed after verify (repair.sql lines [");
    assertThat(
            text(
                pair.replica(), "SELECT string_agg(id || '=' || v, ' ' ORDER BY id) FROM " + table))
        .isEqualTo("1=newer 2=newer 3=v3 4=v4 5=v5 6=v6 7=newer");
    // applying again changes nothing: every statement is stale now
    RepairRuns.Result again = RepairRuns.repair(run.runFolder().toString(), "--apply");
    assertThat(again.code()).isEqualTo(4);
    assertThat(again.line()).startsWith("INCOMPLETE: 0 of 6 statements applied");
  }

  @Test
  void triggersFireByDefaultAndNotWithNoTriggersAndTheFileSaysWhich() {
    String table = schema + ".triggered";
    pair.execBoth(
        "CREATE TABLE "
            + table
            + " (id int PRIMARY KEY, v text);"
            + "INSERT INTO "
            + table
            + " SELECT g, 'v' || g FROM generate_series(1, 3) g");
    TestServers.exec(
        pair.replica(),
        "CREATE FUNCTION "
            + schema
            + ".stamp() RETURNS trigger LANGUAGE plpgsql AS"
            + " $$ BEGIN NEW.v := 'trigger fired'; RETURN NEW; END $$;"
            + "CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON "
            + table
            + " FOR EACH ROW EXECUTE FUNCTION "
            + schema
            + ".stamp();"
            + "ALTER TABLE "
            + table
            + " DISABLE TRIGGER stamp; DELETE FROM "
            + table
            + " WHERE id = 2;"
            + "ALTER TABLE "
            + table
            + " ENABLE TRIGGER stamp");
    RunOutcome first =
        RepairRuns.verify(pair.primaryUrl(), pair.replicaUrl(), out, List.of(table), true, false);
    assertThat(RepairRuns.repairSql(first.runFolder()))
        .contains("-- triggers: on")
        .doesNotContain(RepairHeader.NO_TRIGGERS);
    RepairRuns.Result refused =
        RepairRuns.repair(first.runFolder().toString(), "--apply", "--no-triggers");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("was built with triggers on; rebuild it with --no-triggers");

    assertThat(RepairRuns.repair(first.runFolder().toString(), "--apply").code()).isZero();
    assertThat(text(pair.replica(), "SELECT v FROM " + table + " WHERE id = 2"))
        .isEqualTo("trigger fired");

    RunOutcome second =
        RepairRuns.verify(pair.primaryUrl(), pair.replicaUrl(), out, List.of(table), false, false);
    assertThat(second.status()).isEqualTo(Status.DIVERGENT);
    RepairRuns.Result built = RepairRuns.repair(second.runFolder().toString(), "--no-triggers");
    assertThat(built.code()).as(built.err()).isZero();
    assertThat(built.line())
        .startsWith("WRITTEN: ")
        .contains("1 statements (0 INSERT, 1 UPDATE, 0 DELETE)")
        .contains("then apply: pgparity repair " + second.runFolder() + " --apply");
    assertThat(RepairRuns.repairSql(second.runFolder()))
        .contains("-- triggers: off", RepairHeader.NO_TRIGGERS);
    assertThat(RepairRuns.repair(second.runFolder().toString(), "--apply").code()).isZero();
    assertThat(text(pair.replica(), "SELECT v FROM " + table + " WHERE id = 2")).isEqualTo("v2");
    // the rows agree; the trigger only the replica has stays a schema finding until it goes
    RunOutcome third =
        RepairRuns.verify(pair.primaryUrl(), pair.replicaUrl(), out, List.of(table), false, false);
    assertThat(third.verdict())
        .startsWith("DIVERGENT: 0 divergent rows")
        .contains("1 divergent schema finding");
    TestServers.exec(pair.replica(), "DROP TRIGGER stamp ON " + table);
    assertConsistent(List.of(table));
  }

  @Test
  void aDryRunOnlyWritesAnOwnerOnlyFileAndTheCommandRefusesWhatItCannotDo() throws Exception {
    String table = schema + ".dry";
    pair.execBoth(
        "CREATE TABLE "
            + table
            + " (id int PRIMARY KEY, v text); INSERT INTO "
            + table
            + " VALUES (1, 'a')");
    TestServers.exec(pair.replica(), "UPDATE " + table + " SET v = 'b'");
    RunOutcome run =
        RepairRuns.verify(pair.primaryUrl(), pair.replicaUrl(), out, List.of(table), true, false);
    Path folder = run.runFolder();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder.resolve("repair.sql"))))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder.resolve(RepairInput.FILE_NAME))))
        .isEqualTo("rw-------");

    RepairRuns.Result rebuilt = RepairRuns.repair(folder.toString(), "--target", "primary");
    assertThat(rebuilt.code()).as(rebuilt.err()).isZero();
    assertThat(RepairRuns.repairSql(folder)).contains("-- target: primary");
    assertThat(RepairRuns.statements(folder))
        .singleElement()
        .asString()
        .startsWith("UPDATE ")
        .contains("SET \"v\" = 'b'::text");
    assertThat(text(pair.primary(), "SELECT v FROM " + table)).isEqualTo("a");
    assertThat(text(pair.replica(), "SELECT v FROM " + table)).isEqualTo("b");

    RepairRuns.Result wrongTarget =
        RepairRuns.repair(folder.toString(), "--apply", "--target", "replica");
    assertThat(wrongTarget.code()).isEqualTo(2);
    assertThat(wrongTarget.err())
        .contains("is for the primary, not the replica; build it for the replica first");
    RepairRuns.Result notARun = RepairRuns.repair(out.toString());
    assertThat(notARun.code()).isEqualTo(2);
    assertThat(notARun.err()).contains("is not a run folder");
    assertThat(RepairRuns.repair(folder.resolve("nope").toString()).err())
        .contains("does not exist");
  }

  private void assertConsistent(List<String> tables) {
    RunOutcome again =
        RepairRuns.verify(pair.primaryUrl(), pair.replicaUrl(), out, tables, false, false);
    assertThat(again.status()).as(again.verdict()).isEqualTo(Status.CONSISTENT);
  }

  private static void execute(Statement statement, String sql) {
    try {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }

  private static String text(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }
}
