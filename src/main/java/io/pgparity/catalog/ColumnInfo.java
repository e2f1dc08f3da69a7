package io.pgparity.catalog;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One column as pg_catalog describes it. {@code type} is {@code format_type()} (with typmod, for
 * comparing sides; under a search_path of pg_catalog alone it qualifies every type that is not
 * built in, which repair casts literals to); {@code baseType} is the type name after resolving a
 * domain; {@code category} is pg_type.typcategory of the base type ('A' array, 'E' enum, ...);
 * {@code kind} is its typtype; {@code generated} is a stored generated column (never written);
 * {@code identity} is attidentity ({@code 'a'} always, {@code 'd'} by default, {@code ' '} none).
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
    char identity) {

  public ColumnInfo {
    checkArgument(name != null && !name.isEmpty(), "column name");
    checkNotNull(type, "type");
    checkNotNull(baseType, "baseType");
    checkNotNull(baseTypeSchema, "baseTypeSchema");
    checkArgument(
        identity == ' ' || identity == 'a' || identity == 'd',
        "identity of %s must be ' ', 'a' or 'd' but was '%s'",
        name,
        identity);
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
    return !generated;
  }

  /** True for a type that lives in pg_catalog, whose behaviour we know. */
  public boolean builtIn() {
    return baseTypeSchema.equals("pg_catalog");
  }
}
