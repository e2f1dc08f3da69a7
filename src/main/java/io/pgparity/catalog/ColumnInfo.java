package io.pgparity.catalog;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One column as pg_catalog describes it. {@code type} is {@code format_type()} (with typmod, for
 * comparing sides); {@code baseType} is the type name after resolving a domain; {@code category} is
 * pg_type.typcategory of the base type ('A' array, 'E' enum, ...); {@code kind} is its typtype.
 */
public record ColumnInfo(
    String name,
    String type,
    String baseType,
    String baseTypeSchema,
    char category,
    char kind,
    boolean notNull) {

  public ColumnInfo {
    checkArgument(name != null && !name.isEmpty(), "column name");
    checkNotNull(type, "type");
    checkNotNull(baseType, "baseType");
    checkNotNull(baseTypeSchema, "baseTypeSchema");
  }

  /** True for a type that lives in pg_catalog, whose behaviour we know. */
  public boolean builtIn() {
    return baseTypeSchema.equals("pg_catalog");
  }
}
