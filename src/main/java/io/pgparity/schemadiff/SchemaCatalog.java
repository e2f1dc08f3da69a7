package io.pgparity.schemadiff;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One side's schema objects for a set of tables, read with one query per kind of object for all
 * tables at once (the tables go in as two bound arrays), so that a thousand tables cost as many
 * queries as one. {@code tables} holds the requested tables that exist on this side with their
 * row-level security switches; enums are those the tables' columns use (directly, as array elements
 * or under a domain); extensions are all of the database's; collations are those the tables'
 * columns and indexes use plus the database default. A catalog read {@code collationsOnly} (a
 * physical standby, whose catalog is the primary's) holds collations and nothing else.
 */
public record SchemaCatalog(
    boolean collationsOnly,
    Map<TableRef, RowSecurity> tables,
    List<ColumnDefinition> columns,
    List<ConstraintDefinition> constraints,
    List<IndexDefinition> indexes,
    List<TriggerDefinition> triggers,
    List<PolicyDefinition> policies,
    Map<String, List<String>> enumLabels,
    Map<String, String> extensions,
    List<CollationVersion> collations) {

  public SchemaCatalog {
    tables = Map.copyOf(tables);
    columns = List.copyOf(columns);
    constraints = List.copyOf(constraints);
    indexes = List.copyOf(indexes);
    triggers = List.copyOf(triggers);
    policies = List.copyOf(policies);
    enumLabels = Map.copyOf(enumLabels);
    extensions = Map.copyOf(extensions);
    collations = List.copyOf(collations);
  }

  /** A catalog of collation versions alone, as read from a physical standby. */
  public static SchemaCatalog ofCollations(List<CollationVersion> collations) {
    return new SchemaCatalog(
        true,
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Map.of(),
        Map.of(),
        collations);
  }

  /**
   * One catalog per table holding that table's columns, constraints, indexes, triggers and policies
   * (and its row-level security switches); database-wide objects are left out.
   */
  Map<TableRef, SchemaCatalog> byTable() {
    Map<TableRef, List<ColumnDefinition>> columnsOf = group(columns, ColumnDefinition::table);
    Map<TableRef, List<ConstraintDefinition>> constraintsOf =
        group(constraints, ConstraintDefinition::table);
    Map<TableRef, List<IndexDefinition>> indexesOf = group(indexes, IndexDefinition::table);
    Map<TableRef, List<TriggerDefinition>> triggersOf = group(triggers, TriggerDefinition::table);
    Map<TableRef, List<PolicyDefinition>> policiesOf = group(policies, PolicyDefinition::table);
    Map<TableRef, SchemaCatalog> byTable = new LinkedHashMap<>();
    for (Map.Entry<TableRef, RowSecurity> table : tables.entrySet()) {
      TableRef ref = table.getKey();
      byTable.put(
          ref,
          new SchemaCatalog(
              collationsOnly,
              Map.of(ref, table.getValue()),
              columnsOf.getOrDefault(ref, List.of()),
              constraintsOf.getOrDefault(ref, List.of()),
              indexesOf.getOrDefault(ref, List.of()),
              triggersOf.getOrDefault(ref, List.of()),
              policiesOf.getOrDefault(ref, List.of()),
              Map.of(),
              Map.of(),
              List.of()));
    }
    return byTable;
  }

  private static <T> Map<TableRef, List<T>> group(
      List<T> items, java.util.function.Function<T, TableRef> tableOf) {
    return items.stream().collect(java.util.stream.Collectors.groupingBy(tableOf));
  }

  // The requested tables as (schema, name) arrays; every per-table query starts from it.
  private static final String TABLES =
      """
      WITH t AS (
        SELECT c.oid, n.nspname, c.relname, c.relrowsecurity, c.relforcerowsecurity
        FROM unnest(?::text[], ?::text[]) AS u(schema_name, table_name)
        JOIN pg_namespace n ON n.nspname = u.schema_name
        JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = u.table_name
        WHERE c.relkind IN ('r', 'p', 'm', 'f')
      )
      """;

  private static final String TABLES_SQL =
      TABLES + "SELECT nspname, relname, relrowsecurity, relforcerowsecurity FROM t";

  // attgenerated is '' or 's' (stored), 'v' (virtual, PostgreSQL 18); pg_attrdef holds either the
  // default or the generation expression
  private static final String COLUMNS_SQL =
      TABLES
          + """
          SELECT t.nspname, t.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                 a.attnotnull, a.attidentity, a.attgenerated, pg_get_expr(d.adbin, d.adrelid),
                 CASE WHEN a.attcollation = 0 THEN NULL
                      WHEN cn.nspname = 'pg_catalog' THEN quote_ident(co.collname)
                      ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END
          FROM t
          JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
          LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          LEFT JOIN pg_collation co ON co.oid = a.attcollation
          LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
          """;

  // contype 'n' (NOT NULL, PostgreSQL 18) is read from the columns; 't' (constraint trigger)
  // from the triggers
  private static final String CONSTRAINTS_SQL =
      TABLES
          + """
          SELECT t.nspname, t.relname, con.conname, con.contype, pg_get_constraintdef(con.oid),
                 ARRAY(SELECT a.attname::text
                       FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                       ORDER BY k.ord)
          FROM t JOIN pg_constraint con ON con.conrelid = t.oid
          WHERE con.contype IN ('p', 'u', 'x', 'f', 'c')
          """;

  // key columns are the first indnkeyatts of indkey; attnum 0 stands for an expression
  private static final String INDEXES_SQL =
      TABLES
          + """
          SELECT t.nspname, t.relname, ic.relname, pg_get_indexdef(i.indexrelid),
                 quote_ident(ic.relname), quote_ident(t.nspname) || '.' || quote_ident(t.relname),
                 i.indisunique, i.indisvalid, i.indpred IS NULL AND i.indexprs IS NULL,
                 i.indnkeyatts,
                 ARRAY(SELECT a.attname::text
                       FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                       WHERE k.ord <= i.indnkeyatts
                       ORDER BY k.ord),
                 (SELECT con.conname FROM pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                    AND con.contype IN ('p', 'u', 'x'))
          FROM t JOIN pg_index i ON i.indrelid = t.oid JOIN pg_class ic ON ic.oid = i.indexrelid
          """;

  private static final String TRIGGERS_SQL =
      TABLES
          + """
          SELECT t.nspname, t.relname, tg.tgname, pg_get_triggerdef(tg.oid), tg.tgenabled,
                 pg_get_functiondef(tg.tgfoid)
          FROM t JOIN pg_trigger tg ON tg.tgrelid = t.oid
          WHERE NOT tg.tgisinternal
          """;

  // role 0 in polroles is PUBLIC
  private static final String POLICIES_SQL =
      TABLES
          + """
          SELECT t.nspname, t.relname, p.polname, p.polcmd, p.polpermissive,
                 ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'PUBLIC'
                                   ELSE quote_ident(pg_get_userbyid(r.oid)) END
                       FROM unnest(p.polroles) AS r(oid) ORDER BY 1),
                 pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)
          FROM t JOIN pg_policy p ON p.polrelid = t.oid
          """;

  private static final String ENUMS_SQL =
      TABLES
          + """
          SELECT quote_ident(n.nspname) || '.' || quote_ident(e.typname),
                 ARRAY(SELECT l.enumlabel::text FROM pg_enum l
                       WHERE l.enumtypid = e.oid ORDER BY l.enumsortorder)
          FROM pg_type e JOIN pg_namespace n ON n.oid = e.typnamespace
          WHERE e.typtype = 'e' AND e.oid IN (
            SELECT v.oid
            FROM t
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type ty ON ty.oid = a.atttypid
            LEFT JOIN pg_type bt ON bt.oid = ty.typbasetype
            CROSS JOIN LATERAL (VALUES (ty.oid), (ty.typelem), (bt.oid), (bt.typelem)) AS v(oid))
          """;

  private static final String EXTENSIONS_SQL = "SELECT extname, extversion FROM pg_extension";

  // The collations of the tables' columns and index keys, and the default (oid 100, which stands
  // for the database's own). pg_collation_actual_version() asks the side's library: from
  // PostgreSQL 15 for oid 100 it reads pg_database's locale (collationcmds.c); before, the
  // 'default' row has provider 'd' and no version. %s are the default's provider and recorded
  // version, which pg_database holds from PostgreSQL 15 (datlocprovider, datcollversion).
  private static final String COLLATIONS_SQL =
      TABLES
          + """
          , used AS (
            SELECT a.attcollation AS oid
            FROM t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE a.attcollation <> 0
            UNION
            SELECT c.oid
            FROM t JOIN pg_index i ON i.indrelid = t.oid
            CROSS JOIN LATERAL unnest(i.indcollation::oid[]) AS c(oid)
            WHERE c.oid <> 0
            UNION
            SELECT 100::oid)
          SELECT CASE WHEN n.nspname = 'pg_catalog' THEN quote_ident(co.collname)
                      ELSE quote_ident(n.nspname) || '.' || quote_ident(co.collname) END,
                 CASE WHEN co.oid = 100 THEN %s ELSE co.collprovider END,
                 pg_collation_actual_version(co.oid),
                 CASE WHEN co.oid = 100 THEN %s ELSE co.collversion END
          FROM used
          JOIN pg_collation co ON co.oid = used.oid
          JOIN pg_namespace n ON n.oid = co.collnamespace
          JOIN pg_database d ON d.datname = current_database()
          """;

  /**
   * Reads the side's objects for {@code tables}; with {@code collationsOnly} (a physical standby)
   * only the collation versions. Runs with search_path set to pg_catalog for the transaction, so
   * that definitions name every non-built-in object with its schema whatever each side's settings
   * are; opens and rolls back its own transaction when the connection is in autocommit.
   */
  public static SchemaCatalog read(
      Connection connection, Collection<TableRef> tables, boolean collationsOnly)
      throws SQLException {
    checkNotNull(tables, "tables");
    boolean autoCommit = connection.getAutoCommit();
    if (autoCommit) {
      connection.setAutoCommit(false);
    }
    try {
      try (PreparedStatement ps =
          connection.prepareStatement("SELECT set_config('search_path', 'pg_catalog', true)")) {
        ps.execute();
      }
      Array schemas =
          connection.createArrayOf("text", tables.stream().map(TableRef::schema).toArray());
      Array names = connection.createArrayOf("text", tables.stream().map(TableRef::name).toArray());
      List<CollationVersion> collations = readCollations(connection, schemas, names);
      if (collationsOnly) {
        return ofCollations(collations);
      }
      return new SchemaCatalog(
          false,
          readTables(connection, schemas, names),
          readColumns(connection, schemas, names),
          readConstraints(connection, schemas, names),
          readIndexes(connection, schemas, names),
          readTriggers(connection, schemas, names),
          readPolicies(connection, schemas, names),
          readEnums(connection, schemas, names),
          readExtensions(connection),
          collations);
    } finally {
      if (autoCommit) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
  }

  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private static <T> List<T> query(
      Connection connection, String sql, Array schemas, Array names, RowReader<T> reader)
      throws SQLException {
    List<T> rows = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      if (schemas != null) {
        ps.setArray(1, schemas);
        ps.setArray(2, names);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(reader.read(rs));
        }
      }
    }
    return rows;
  }

  private static TableRef table(ResultSet rs) throws SQLException {
    return new TableRef(rs.getString(1), rs.getString(2));
  }

  private static char firstChar(String text) {
    return text == null || text.isEmpty() ? ' ' : text.charAt(0);
  }

  private static List<String> strings(ResultSet rs, int column) throws SQLException {
    return Arrays.asList((String[]) rs.getArray(column).getArray());
  }

  private static Map<TableRef, RowSecurity> readTables(
      Connection connection, Array schemas, Array names) throws SQLException {
    Map<TableRef, RowSecurity> tables = new LinkedHashMap<>();
    for (RowSecurity row :
        query(
            connection,
            TABLES_SQL,
            schemas,
            names,
            rs -> new RowSecurity(table(rs), rs.getBoolean(3), rs.getBoolean(4)))) {
      tables.put(row.table(), row);
    }
    return tables;
  }

  private static List<ColumnDefinition> readColumns(
      Connection connection, Array schemas, Array names) throws SQLException {
    return query(
        connection,
        COLUMNS_SQL,
        schemas,
        names,
        rs -> {
          char generated = firstChar(rs.getString(7));
          String expression = rs.getString(8);
          return new ColumnDefinition(
              table(rs),
              rs.getString(3),
              rs.getString(4),
              rs.getBoolean(5),
              generated == ' ' ? expression : null,
              firstChar(rs.getString(6)),
              generated,
              generated == ' ' ? null : expression,
              rs.getString(9));
        });
  }

  private static List<ConstraintDefinition> readConstraints(
      Connection connection, Array schemas, Array names) throws SQLException {
    return query(
        connection,
        CONSTRAINTS_SQL,
        schemas,
        names,
        rs ->
            new ConstraintDefinition(
                table(rs),
                rs.getString(3),
                rs.getString(4).charAt(0),
                rs.getString(5),
                strings(rs, 6)));
  }

  private static List<IndexDefinition> readIndexes(
      Connection connection, Array schemas, Array names) throws SQLException {
    return query(
        connection,
        INDEXES_SQL,
        schemas,
        names,
        rs -> {
          boolean unique = rs.getBoolean(7);
          boolean valid = rs.getBoolean(8);
          boolean plain = rs.getBoolean(9);
          List<String> keyColumns = strings(rs, 11);
          // an expression key column has no attribute, so the array comes out shorter
          boolean allColumns = keyColumns.size() == rs.getInt(10);
          return new IndexDefinition(
              table(rs),
              rs.getString(3),
              normalise(rs.getString(4), rs.getString(5), rs.getString(6), unique, valid),
              unique,
              unique && valid && plain && allColumns,
              allColumns ? keyColumns : List.of(),
              rs.getString(12));
        });
  }

  /**
   * pg_get_indexdef() without what is incidental: "CREATE [UNIQUE] INDEX name ON [ONLY]
   * schema.table" (ruleutils.c writes the table schema-qualified and the name quoted as quote_ident
   * does), so "UNIQUE USING btree (email)"; an invalid index gets " INVALID" appended. A definition
   * of another shape is kept whole, which at worst reports an index that differs only by name.
   */
  static String normalise(
      String definition, String quotedName, String quotedTable, boolean unique, boolean valid) {
    String head = "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + quotedName + " ON ";
    String rest = definition;
    if (rest.startsWith(head)) {
      rest = rest.substring(head.length());
      if (rest.startsWith("ONLY ")) {
        rest = rest.substring("ONLY ".length());
      }
      if (rest.startsWith(quotedTable + " ")) {
        rest = (unique ? "UNIQUE " : "") + rest.substring(quotedTable.length() + 1);
      } else {
        rest = definition;
      }
    }
    return valid ? rest : rest + " INVALID";
  }

  private static List<TriggerDefinition> readTriggers(
      Connection connection, Array schemas, Array names) throws SQLException {
    return query(
        connection,
        TRIGGERS_SQL,
        schemas,
        names,
        rs ->
            new TriggerDefinition(
                table(rs),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5).charAt(0),
                rs.getString(6)));
  }

  private static List<PolicyDefinition> readPolicies(
      Connection connection, Array schemas, Array names) throws SQLException {
    return query(
        connection,
        POLICIES_SQL,
        schemas,
        names,
        rs ->
            new PolicyDefinition(
                table(rs),
                rs.getString(3),
                rs.getString(4).charAt(0),
                rs.getBoolean(5),
                strings(rs, 6),
                rs.getString(7),
                rs.getString(8)));
  }

  private static Map<String, List<String>> readEnums(
      Connection connection, Array schemas, Array names) throws SQLException {
    Map<String, List<String>> enums = new LinkedHashMap<>();
    query(connection, ENUMS_SQL, schemas, names, rs -> enums.put(rs.getString(1), strings(rs, 2)));
    return enums;
  }

  private static Map<String, String> readExtensions(Connection connection) throws SQLException {
    Map<String, String> extensions = new LinkedHashMap<>();
    query(
        connection,
        EXTENSIONS_SQL,
        null,
        null,
        rs -> extensions.put(rs.getString(1), rs.getString(2)));
    return extensions;
  }

  private static List<CollationVersion> readCollations(
      Connection connection, Array schemas, Array names) throws SQLException {
    boolean databaseLocale = connection.getMetaData().getDatabaseMajorVersion() >= 15;
    String sql =
        COLLATIONS_SQL.formatted(
            databaseLocale ? "d.datlocprovider" : "'d'::\"char\"",
            databaseLocale ? "d.datcollversion" : "NULL::text");
    return query(
        connection,
        sql,
        schemas,
        names,
        rs ->
            new CollationVersion(
                rs.getString(1), rs.getString(2).charAt(0), rs.getString(3), rs.getString(4)));
  }
}
