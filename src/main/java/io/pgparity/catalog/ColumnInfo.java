package io.pgparity.catalog;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.SqlIdentifier;

/**
 * One column as pg_catalog describes it. {@code type} is {@code format_type()} (with typmod, for
 * comparing sides; under a search_path of pg_catalog alone it qualifies every type that is not
 * built in, which repair casts literals to); {@code baseType} is the type name after resolving a
 * domain; {@code category} is pg_type.typcategory of the base type ('A' array, 'E' enum, ...);
 * {@code kind} is its typtype; {@code generated} is a stored generated column (never written);
 * {@code identity} is attidentity ({@code 'a'} always, {@code 'd'} by default, {@code ' '} none).
 * {@code expression} is null for a stored column; otherwise the column is computed by that SQL
 * expression, never NULL: the row hash that stands in for the key of a table without one (see
 * {@link TablePlan#keyless()}). Every piece of SQL names a column through {@link #sql()}.
 */
public record ColumnInfo(
    String name,
    String type,
    String baseType,
    String baseTypeSchema,
    char category,
    char kind,
    boolean notNull,
    boolean generated,
    char identity,
    String expression) {

  public ColumnInfo {
    checkArgument(name != null && !name.isEmpty(), "column name");
    checkArgument(
        expression == null || (notNull && !expression.isBlank()),
        "computed column %s needs a NOT NULL expression",
        name);
    checkNotNull(type, "type");
    checkNotNull(baseType, "baseType");
    checkNotNull(baseTypeSchema, "baseTypeSchema");
    checkArgument(
        identity == ' ' || identity == 'a' || identity == 'd',
        "identity of %s must be ' ', 'a' or 'd' but was '%s'",
        name,
        identity);
  }

  /** A stored column. */
  public ColumnInfo(
      String name,
      String type,
      String baseType,
      String baseTypeSchema,
      char category,
      char kind,
      boolean notNull,
      boolean generated,
      char identity) {
    this(name, type, baseType, baseTypeSchema, category, kind, notNull, generated, identity, null);
  }

  /**
   * The bigint column {@code name} computed by {@code expression} for every row, which is never
   * NULL; it exists in no table, so it is only ever read, never written or stored.
   */
  public static ColumnInfo computed(String name, String expression) {
    return new ColumnInfo(
        name, "bigint", "int8", "pg_catalog", 'N', 'b', true, false, ' ', expression);
  }

  /** True for a column computed by {@link #expression()} rather than stored. */
  public boolean computed() {
    return expression != null;
  }

  /**
   * The column in SQL: its quoted name, or its expression in parentheses. The one place a key or
   * compared column is written into a query, so a computed key works wherever a stored one does.
   */
  public String sql() {
    return expression == null ? SqlIdentifier.quote(name) : "(" + expression + ")";
  }

  /** A column that is neither generated nor an identity column. */
  public ColumnInfo(
      String name,
      String type,
      String baseType,
      String baseTypeSchema,
      char category,
      char kind,
      boolean notNull) {
    this(name, type, baseType, baseTypeSchema, category, kind, notNull, false, ' ');
  }

  /** An identity column GENERATED ALWAYS, which UPDATE cannot set. */
  public boolean alwaysIdentity() {
    return identity == 'a';
  }

  /** Whether INSERT may give this column a value. */
  public boolean insertable() {
    return !generated && expression == null;
  }

  /** True for a type that lives in pg_catalog, whose behaviour we know. */
  public boolean builtIn() {
    return baseTypeSchema.equals("pg_catalog");
  }
}
