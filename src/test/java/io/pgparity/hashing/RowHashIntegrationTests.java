package io.pgparity.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.CatalogReader;
import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.TableSchema;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The row hash on a real server: adversarial pairs of values that a type hash or a text cast
 * confuses hash apart, the NaNs that must hash alike do, every pg_catalog type has an explicit
 * rule, every encoding part is needed (dropping it makes an adversarial pair collide), and 300,000
 * distinct rows give 300,000 distinct row hashes.
 */
class RowHashIntegrationTests {

  /** Two values (SQL expressions) of one column type, stored in rows that differ only there. */
  record Pair(String type, String a, String b) {}

  /** Values that differ in what is stored or read back: their hashes must differ. */
  static final List<Pair> DIFFERENT =
      List.of(
          // hash_numeric ignores sign and scale and hashes NaN/±Infinity as 0 (= NULL)
          new Pair("numeric", "5.00", "-5.00"),
          new Pair("numeric", "123.45", "-123.45"),
          new Pair("numeric", "1.0", "1.00"),
          new Pair("numeric", "'NaN'", "'Infinity'"),
          new Pair("numeric", "'Infinity'", "'-Infinity'"),
          new Pair("numeric", "'NaN'", "NULL"),
          new Pair("numeric", "0", "NULL"),
          new Pair("numeric(12,2)", "1", "-1"),
          // hashint8 XORs the high half into the low half
          new Pair("int8", "1", "4294967296"),
          new Pair("int8", "-1", "4294967295"),
          new Pair("int8", "0", "NULL"),
          new Pair("int4", "0", "NULL"),
          new Pair("int2", "0", "NULL"),
          new Pair("oid", "0", "NULL"),
          new Pair("bool", "false", "NULL"),
          new Pair("bool", "false", "true"),
          new Pair("date", "'2000-01-01'", "NULL"),
          // 64-bit types hashed through hashint8: 2^32 + 1 microseconds fold onto 0
          new Pair("timestamp", "'2000-01-01 00:00:00'", "'2000-01-01 01:11:34.967297'"),
          new Pair("timestamptz", "'2000-01-01 00:00:00+00'", "'2000-01-01 01:11:34.967297+00'"),
          new Pair("timestamptz", "'2000-01-01 00:00:00+00'", "NULL"),
          new Pair("time", "'00:00:00.000001'", "'01:11:34.967296'"),
          new Pair("time", "'00:00:00'", "NULL"),
          new Pair("pg_lsn", "'0/1'", "'1/0'"),
          new Pair("xid8", "'1'", "'4294967296'"),
          new Pair("money", "'0.01'", "'42949672.97'"),
          new Pair("money", "0", "NULL"),
          // timetz XORs the hashes of time and zone: swapped numbers collide, 00:00:00+00 hashes 0
          new Pair("timetz", "'00:00:00.000001-00:00:02'", "'00:00:00.000002-00:00:01'"),
          new Pair("timetz", "'00:00:00+00'", "NULL"),
          new Pair("timetz", "'12:00:00+01'", "'11:00:00+00'"),
          new Pair("interval", "'1 day'", "'24 hours'"),
          new Pair("interval", "'1 mon'", "'30 days'"),
          new Pair("interval", "'0'", "NULL"),
          new Pair("float8", "'0'", "'-0'"),
          new Pair("float4", "'0'", "'-0'"),
          new Pair("float8", "'0'", "NULL"),
          new Pair("float8", "'NaN'", "NULL"),
          new Pair("float8", "'Infinity'", "'-Infinity'"),
          new Pair("bpchar", "'a'", "'a '"),
          new Pair("bpchar", "''", "NULL"),
          new Pair("text", "U&'\\00E9'", "U&'e\\0301'"),
          new Pair("text", "'a'", "'A'"),
          new Pair("text", "''", "NULL"),
          new Pair("text", "'NULL'", "NULL"),
          new Pair("text", "repeat('x', 1000000) || 'a'", "repeat('x', 1000000) || 'b'"),
          new Pair("text COLLATE ci", "'abc'", "'ABC'"),
          new Pair("varchar(10)", "'a'", "'a '"),
          new Pair("varchar", "''", "NULL"),
          new Pair("name", "'a'", "'A'"),
          new Pair("jsonb", "'1.0'", "'1.00'"),
          new Pair("jsonb", "'[[1],2]'", "'[[1,2]]'"),
          new Pair("jsonb", "'{\"a\":{\"b\":1},\"c\":2}'", "'{\"a\":{\"b\":1,\"c\":2}}'"),
          new Pair("jsonb", "'null'", "NULL"),
          new Pair("jsonb", "'\"\"'", "NULL"),
          new Pair("json", "'{\"a\":1}'", "'{\"a\": 1}'"),
          new Pair("xml", "'<a/>'", "'<a></a>'"),
          new Pair("int4[]", "'{1,2}'", "'[0:1]={1,2}'"),
          new Pair("int4[]", "'{}'", "NULL"),
          new Pair("int4[]", "'{{1,2}}'", "'{1,2}'"),
          new Pair("text[]", "'{NULL}'", "'{\"NULL\"}'"),
          new Pair("numeric[]", "'{1.0}'", "'{1.00}'"),
          new Pair("numeric[]", "'{5}'", "'{-5}'"),
          new Pair("bpchar[]", "ARRAY['a'::bpchar]", "ARRAY['a '::bpchar]"),
          new Pair("pair", "ROW(NULL, 1)", "ROW('', 1)"),
          new Pair("pair", "ROW('a', NULL)", "NULL"),
          new Pair("numrange", "'[1.0,2)'", "'[1.00,2)'"),
          new Pair("int4range", "'empty'", "NULL"),
          new Pair("int4range", "'[1,2)'", "'[1,3)'"),
          new Pair("nummultirange", "'{[1.0,2)}'", "'{[1.00,2)}'"),
          new Pair("mood", "'sad'", "'happy'"),
          new Pair("mood", "'sad'", "NULL"),
          new Pair(
              "uuid",
              "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
              "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12'"),
          new Pair("uuid", "'00000000-0000-0000-0000-000000000000'", "NULL"),
          new Pair("bytea", "'\\x'", "NULL"),
          new Pair("bytea", "'\\x00'", "'\\x0000'"),
          new Pair("inet", "'10.0.0.1/32'", "'10.0.0.1/8'"),
          new Pair("inet", "'::ffff:10.0.0.1'", "'10.0.0.1'"),
          new Pair("cidr", "'10.0.0.0/8'", "'10.0.0.0/16'"),
          new Pair("macaddr", "'08:00:2b:01:02:03'", "'08:00:2b:01:02:04'"),
          new Pair("macaddr8", "'08:00:2b:01:02:03:04:05'", "'08:00:2b:01:02:03:04:06'"),
          new Pair("varbit", "'1'", "'01'"),
          new Pair("point", "'(0,0)'", "'(-0,0)'"),
          new Pair("tsvector", "'a'", "'a:1'"),
          new Pair("regclass", "'pg_class'", "'pg_type'"),
          new Pair("int8dom", "1", "4294967296"),
          new Pair("numdom", "5", "-5"));

  /** Values that are the same value stored two ways nobody can tell apart: hashes must be equal. */
  static final List<Pair> SAME =
      List.of(
          new Pair("float8", "'NaN'::float8", "-'NaN'::float8"),
          new Pair("float4", "'NaN'::float4", "-'NaN'::float4"));

  private static final EmbeddedPair servers = TestServers.pair();
  private static String schema;

  /** Per column type, its table (k int, side int, c type): one row per pair and side. */
  private static final Map<String, String> tables = new LinkedHashMap<>();

  @BeforeAll
  static void createTables() throws SQLException {
    schema = TestServers.uniqueSchema("row_hash");
    StringBuilder sql = new StringBuilder();
    String s = SqlIdentifier.quote(schema);
    sql.append("CREATE TYPE ").append(s).append(".mood AS ENUM ('sad', 'happy');");
    sql.append("CREATE TYPE ").append(s).append(".pair AS (a text, b int);");
    sql.append("CREATE DOMAIN ").append(s).append(".int8dom AS int8;");
    sql.append("CREATE DOMAIN ").append(s).append(".numdom AS numeric;");
    sql.append("CREATE COLLATION ")
        .append(s)
        .append(".ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);");
    sql.append("SET search_path = ").append(s).append(", pg_catalog;");
    List<Pair> all = new ArrayList<>(DIFFERENT);
    all.addAll(SAME);
    for (int i = 0; i < all.size(); i++) {
      Pair pair = all.get(i);
      String table = tables.get(pair.type());
      if (table == null) {
        table = "t" + tables.size();
        tables.put(pair.type(), table);
        sql.append("CREATE TABLE ")
            .append(s)
            .append('.')
            .append(table)
            .append(" (k int, side int, c ")
            .append(pair.type())
            .append(");");
      }
      String type = pair.type().replace(" COLLATE ci", "");
      sql.append("INSERT INTO ")
          .append(s)
          .append('.')
          .append(table)
          .append(" VALUES (")
          .append(i)
          .append(", 0, (")
          .append(pair.a())
          .append(")::")
          .append(type)
          .append("), (")
          .append(i)
          .append(", 1, (")
          .append(pair.b())
          .append(")::")
          .append(type)
          .append(");");
    }
    try (Connection connection = servers.primary().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql.toString());
    }
  }

  @AfterAll
  static void dropTables() {
    TestServers.dropSchema(schema);
  }

  @Test
  void everyAdversarialPairHashesApartByRowAndByColumn() throws SQLException {
    Map<Integer, long[]> rows = hashes(EnumSet.noneOf(EncodingPart.class), false);
    Map<Integer, long[]> columns = hashes(EnumSet.noneOf(EncodingPart.class), true);
    for (int i = 0; i < DIFFERENT.size(); i++) {
      Pair pair = DIFFERENT.get(i);
      assertThat(rows.get(i)[0]).as("row hash of %s", pair).isNotEqualTo(rows.get(i)[1]);
      assertThat(columns.get(i)[0]).as("column hash of %s", pair).isNotEqualTo(columns.get(i)[1]);
    }
    for (int i = DIFFERENT.size(); i < DIFFERENT.size() + SAME.size(); i++) {
      assertThat(rows.get(i)[0])
          .as("row hash of %s", SAME.get(i - DIFFERENT.size()))
          .isEqualTo(rows.get(i)[1]);
    }
  }

  @Test
  void theSumOfRowHashesSeesTwoRowsSwappingAValue() throws SQLException {
    assertThat(swappedSumsDiffer(EnumSet.noneOf(EncodingPart.class))).isTrue();
  }

  @Test
  void everyEncodingPartIsNeededByAtLeastOneAssertion() throws SQLException {
    for (EncodingPart part : EncodingPart.values()) {
      Set<EncodingPart> dropped = EnumSet.of(part);
      Map<Integer, long[]> rows = hashes(dropped, false);
      List<String> failing = new ArrayList<>();
      for (int i = 0; i < DIFFERENT.size(); i++) {
        if (rows.get(i)[0] == rows.get(i)[1]) {
          failing.add("collide: " + DIFFERENT.get(i));
        }
      }
      for (int i = DIFFERENT.size(); i < DIFFERENT.size() + SAME.size(); i++) {
        if (rows.get(i)[0] != rows.get(i)[1]) {
          failing.add("differ: " + SAME.get(i - DIFFERENT.size()));
        }
      }
      if (!swappedSumsDiffer(dropped)) {
        failing.add("swapped values give equal sums");
      }
      System.out.println("without " + part + ": " + failing);
      assertThat(failing).as("assertions that fail without %s", part).isNotEmpty();
    }
  }

  @Test
  void distinctRowsGiveDistinctRowHashes() throws SQLException {
    // two columns like a key and a payload; today's folded mix gave 299,994 hashes for these rows
    List<ColumnInfo> columns =
        List.of(column("id", "int8", 'N', 'b'), column("email", "text", 'S', 'b'));
    String rows =
        " FROM (SELECT g * 4294967296 + g AS id, 'user' || g || '@example.com' AS email"
            + " FROM generate_series(1, 300000) g) t";
    String folded =
        "hashint8extended(hash_record_extended(ROW(id, email::text COLLATE \"C\"), 0), 0)";
    try (Connection connection = servers.primary().getConnection();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT count(DISTINCT "
                    + RowHashSql.rowHash(columns)
                    + "), count(DISTINCT "
                    + folded
                    + ")"
                    + rows)) {
      result.next();
      System.out.println(
          "distinct row hashes of 300000 rows: "
              + result.getLong(1)
              + " (folded mix: "
              + result.getLong(2)
              + ")");
      assertThat(result.getLong(1)).isEqualTo(300_000);
      // the check can fail: a 32-bit fold has about 10 collisions among 300,000 hashes
      assertThat(result.getLong(2)).isLessThan(300_000);
    }
  }

  @Test
  void everyTypeInPgCatalogHasAnExplicitRuleThatRuns() throws SQLException {
    List<String> unlisted = new ArrayList<>();
    int checked = 0;
    try (Connection connection = servers.primary().getConnection();
        Statement statement = connection.createStatement();
        ResultSet types =
            statement.executeQuery(
                "SELECT t.typname, t.typcategory, t.typtype, t.oid::regtype::text"
                    + " FROM pg_type t WHERE t.typnamespace = 'pg_catalog'::regnamespace ORDER BY t.typname")) {
      List<String[]> runnable = new ArrayList<>();
      while (types.next()) {
        ColumnInfo c =
            column(
                "c",
                types.getString(1),
                types.getString(2).charAt(0),
                types.getString(3).charAt(0));
        TypeRule rule = ColumnEncoding.rule(c);
        if (rule == TypeRule.UNLISTED_TEXT) {
          unlisted.add(types.getString(1));
        }
        if (rule != TypeRule.PSEUDO_TEXT && !types.getString(1).equals("unknown")) {
          runnable.add(new String[] {types.getString(4), RowHashSql.columnHash(c)});
        }
      }
      // every rule's SQL resolves and runs for every storable type (a NULL of it)
      for (String[] type : runnable) {
        try (Statement each = connection.createStatement();
            ResultSet hash =
                each.executeQuery(
                    "SELECT " + type[1] + " FROM (SELECT NULL::" + type[0] + " AS c) t")) {
          assertThat(hash.next()).isTrue();
          assertThat(hash.getLong(1)).as(type[0]).isNotZero();
          checked++;
        }
      }
    }
    System.out.println("pg_catalog types whose column hash ran: " + checked);
    assertThat(checked).isGreaterThan(300);
    assertThat(unlisted).as("pg_catalog types without an explicit rule in TypeRule").isEmpty();
  }

  /**
   * Two rows (1, x), (2, y) against (1, y), (2, x): whether the sums of their row hashes differ.
   */
  private static boolean swappedSumsDiffer(Set<EncodingPart> dropped) throws SQLException {
    List<ColumnInfo> columns =
        List.of(column("k", "int4", 'N', 'b'), column("v", "text", 'S', 'b'));
    String hash = RowHashSql.rowHash(columns, dropped);
    // modulo 2^64: a linear hash changes the exact sum only by carries, a multiple of 2^64, which
    // the swap must not rely on
    String sql =
        "SELECT ((SELECT sum("
            + hash
            + ") FROM (VALUES (1, 'x'), (2, 'y')) t(k, v))"
            + " - (SELECT sum("
            + hash
            + ") FROM (VALUES (1, 'y'), (2, 'x')) t(k, v))) % 18446744073709551616 <> 0";
    try (Connection connection = servers.primary().getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getBoolean(1);
    }
  }

  /** Per pair index, the hashes of its two sides: of the rows (k, c) or of column c alone. */
  private static Map<Integer, long[]> hashes(Set<EncodingPart> dropped, boolean columnOnly)
      throws SQLException {
    Map<Integer, long[]> hashes = new LinkedHashMap<>();
    try (Connection connection = servers.primary().getConnection()) {
      for (String table : tables.values()) {
        TableSchema read =
            CatalogReader.read(connection, new TableRef(schema, table)).orElseThrow();
        List<ColumnInfo> all = read.columns();
        ColumnInfo k = all.get(0);
        ColumnInfo c = all.get(2);
        String hash = RowHashSql.rowHash(columnOnly ? List.of(c) : List.of(k, c), dropped);
        try (Statement statement = connection.createStatement();
            ResultSet rows =
                statement.executeQuery(
                    "SELECT k, side, "
                        + hash
                        + " FROM "
                        + SqlIdentifier.quote(new TableRef(schema, table)))) {
          while (rows.next()) {
            hashes.computeIfAbsent(rows.getInt(1), i -> new long[2])[rows.getInt(2)] =
                rows.getLong(3);
          }
        }
      }
    }
    return hashes;
  }

  private static ColumnInfo column(String name, String type, char category, char kind) {
    return new ColumnInfo(name, type, type, "pg_catalog", category, kind, false);
  }
}
