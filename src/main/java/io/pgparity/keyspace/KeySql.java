package io.pgparity.keyspace;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.TablePlan;
import io.pgparity.table.SqlIdentifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL fragments over a table's key: projections, range predicates, and key lists bound as text
 * arrays. Values always travel as bind parameters; composite keys use row-value comparisons, which
 * PostgreSQL turns into btree index bounds.
 */
public final class KeySql {

  private final List<ColumnInfo> key;

  public KeySql(List<ColumnInfo> key) {
    this.key = List.copyOf(key);
  }

  /**
   * The key of a keyless table (one computed row hash) as the column of the subquery {@link #rows}
   * that computes it once per row: PostgreSQL does not share common subexpressions, so naming the
   * expression in the bucket, the key text and the sum would hash every row two or three times.
   */
  public static KeySql ofRowHashColumn() {
    return new KeySql(
        List.of(ColumnInfo.computed(TablePlan.ROW_HASH, SqlIdentifier.quote(TablePlan.ROW_HASH))));
  }

  /**
   * {@code FROM}-list source of a query over the table's rows that pass {@code where}: the table
   * itself, or for a keyless table a subquery of the row hash alone, as {@link TablePlan#ROW_HASH}
   * (OFFSET 0 keeps the planner from inlining it, which would copy the expression back).
   */
  public static String rows(TablePlan plan, String where) {
    String table = SqlIdentifier.quote(plan.table()) + " WHERE " + where;
    return plan.keyless()
        ? "(SELECT "
            + plan.key().get(0).sql()
            + " AS "
            + SqlIdentifier.quote(TablePlan.ROW_HASH)
            + " FROM "
            + table
            + " OFFSET 0) AS pgparity_rows"
        : table;
  }

  /** {@code "a", "b"}: the key columns. */
  public String columns() {
    return String.join(", ", key.stream().map(ColumnInfo::sql).toList());
  }

  /** {@code "a"::text, "b"::text}: the key as text, to read it back exactly. */
  public String textColumns() {
    return String.join(", ", key.stream().map(c -> c.sql() + "::text").toList());
  }

  /** The key as one comparable value: the column itself, or a row for composite keys. */
  public String operand() {
    return key.size() == 1 ? columns() : "ROW(" + columns() + ")";
  }

  /**
   * The pseudo range of rows with a NULL key column, which no key range holds: the replica need not
   * enforce the primary's NOT NULL, so such rows are hashed and diffed apart, never dropped.
   */
  public static final int NULL_KEYS = -1;

  /** A predicate true for rows with some NULL key column: the rows of {@link #NULL_KEYS}. */
  public String nullKey() {
    List<String> nullable = nullable();
    // a computed key is never NULL; FALSE also spares the expression an evaluation per row
    return nullable.isEmpty()
        ? "FALSE"
        : "(" + String.join(" OR ", nullable.stream().map(c -> c + " IS NULL").toList()) + ")";
  }

  /** A predicate true for rows whose key columns are all non-NULL. */
  public String notNull() {
    List<String> nullable = nullable();
    return nullable.isEmpty()
        ? "TRUE"
        : "(" + String.join(" AND ", nullable.stream().map(c -> c + " IS NOT NULL").toList()) + ")";
  }

  /** The stored key columns: the replica may hold NULL in them whatever the primary enforces. */
  private List<String> nullable() {
    return key.stream().filter(c -> !c.computed()).map(ColumnInfo::sql).toList();
  }

  /**
   * The range index of the current row among the ranges that {@code boundaries} bound (bound with
   * {@link #bindKeys} for {@link #keyArray()}), {@link #NULL_KEYS} for a row with a NULL key
   * column. width_bucket alone would place such a row by record comparison, which sorts NULLs last,
   * while range predicates never select it.
   */
  public String bucket(boolean bounded) {
    return "CASE WHEN "
        + nullKey()
        + " THEN "
        + NULL_KEYS
        + " ELSE "
        + (bounded ? "width_bucket(" + operand() + ", " + keyArray() + ")" : "0")
        + " END";
  }

  /**
   * A predicate for the range with {@code ?} placeholders. It never selects a row with a NULL key
   * column: a row comparison such as {@code (a, b) >= (1, 2)} is true for {@code (2, NULL)}.
   */
  public String rangePredicate(KeyRange range) {
    List<String> parts = new ArrayList<>();
    parts.add(notNull());
    if (range.lo() != null) {
      parts.add(rowOf(columns()) + " >= " + rowOf(casts()));
    }
    if (range.hi() != null) {
      parts.add(rowOf(columns()) + " < " + rowOf(casts()));
    }
    return String.join(" AND ", parts);
  }

  /** Binds the range's bounds from {@code index}; returns the next free index. */
  public int bindRange(PreparedStatement ps, int index, KeyRange range) throws SQLException {
    int next = index;
    for (KeyValue bound : new KeyValue[] {range.lo(), range.hi()}) {
      if (bound != null) {
        for (String value : bound.values()) {
          ps.setString(next++, value);
        }
      }
    }
    return next;
  }

  /**
   * An array expression of the given keys, in order, from one {@code text[]} parameter per key
   * column: {@code ARRAY(SELECT ROW(CAST(x.c1 AS t1), ...) FROM unnest(?::text[], ...) ...)}.
   */
  public String keyArray() {
    return "ARRAY(SELECT "
        + (key.size() == 1 ? "" : "ROW(")
        + unnestCasts()
        + (key.size() == 1 ? "" : ")")
        + " FROM unnest("
        + textArrayParams()
        + ") WITH ORDINALITY AS x("
        + unnestAliases()
        + ", ord) ORDER BY ord)";
  }

  /** A predicate selecting rows whose key is in the bound key list. */
  public String keyIn() {
    return rowOf(columns())
        + " IN (SELECT "
        + unnestCasts()
        + " FROM unnest("
        + textArrayParams()
        + ") AS x("
        + unnestAliases()
        + "))";
  }

  /** Binds keys as one text array per key column, for {@link #keyArray()} and {@link #keyIn()}. */
  public int bindKeys(Connection connection, PreparedStatement ps, int index, List<KeyValue> keys)
      throws SQLException {
    for (int column = 0; column < key.size(); column++) {
      String[] values = new String[keys.size()];
      for (int row = 0; row < keys.size(); row++) {
        values[row] = keys.get(row).values().get(column);
      }
      ps.setArray(index + column, connection.createArrayOf("text", values));
    }
    return index + key.size();
  }

  /** Reads a key selected with {@link #textColumns()} starting at result column {@code first}. */
  public KeyValue read(java.sql.ResultSet rs, int first) throws SQLException {
    List<String> values = new ArrayList<>(key.size());
    for (int i = 0; i < key.size(); i++) {
      values.add(rs.getString(first + i));
    }
    return new KeyValue(values);
  }

  public int size() {
    return key.size();
  }

  private String casts() {
    return String.join(", ", key.stream().map(c -> "CAST(? AS " + c.type() + ")").toList());
  }

  private String unnestCasts() {
    List<String> casts = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      casts.add("CAST(x.c" + i + " AS " + key.get(i).type() + ")");
    }
    return String.join(", ", casts);
  }

  private String textArrayParams() {
    return String.join(", ", key.stream().map(c -> "?::text[]").toList());
  }

  private String unnestAliases() {
    List<String> aliases = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      aliases.add("c" + i);
    }
    return String.join(", ", aliases);
  }

  private String rowOf(String list) {
    return key.size() == 1 ? list : "(" + list + ")";
  }
}
