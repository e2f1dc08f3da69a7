package io.pgparity.sequence;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import java.util.Collection;
import java.util.Set;

/**
 * Which sequences a run compares: those owned by a column (serial, identity, OWNED BY) of one of
 * {@code ownerTables}, plus every sequence in {@code schemas}, plus, when {@code allSchemas}, every
 * sequence outside the system schemas (pg_catalog, information_schema, pg_toast*, pg_temp_*). A
 * sequence is in scope when either side places it there: one the replica owns by a compared table
 * and the primary does not is still compared.
 */
public record SequenceScope(Set<TableRef> ownerTables, Set<String> schemas, boolean allSchemas) {

  public SequenceScope {
    ownerTables = Set.copyOf(checkNotNull(ownerTables, "ownerTables"));
    schemas = Set.copyOf(checkNotNull(schemas, "schemas"));
    checkArgument(schemas.stream().noneMatch(String::isEmpty), "a schema name must not be empty");
  }

  /** The sequences owned by the compared tables, for a run that names its tables. */
  public static SequenceScope ownedBy(Collection<TableRef> tables) {
    return new SequenceScope(Set.copyOf(tables), Set.of(), false);
  }

  /**
   * The sequences owned by the compared tables and all sequences of {@code schemas}, for a run that
   * selects whole schemas.
   */
  public static SequenceScope ownedByOrIn(Collection<TableRef> tables, Collection<String> schemas) {
    return new SequenceScope(Set.copyOf(tables), Set.copyOf(schemas), false);
  }

  /** Every sequence outside the system schemas, for a run over the whole database. */
  public static SequenceScope wholeDatabase() {
    return new SequenceScope(Set.of(), Set.of(), true);
  }

  /** Whether a sequence in {@code schema} owned by {@code owner} (null: none) is in scope. */
  boolean includes(String schema, TableRef owner) {
    return allSchemas && !systemSchema(schema)
        || schemas.contains(schema)
        || owner != null && ownerTables.contains(owner);
  }

  /** The schemas PostgreSQL keeps for itself; their sequences are never compared. */
  static boolean systemSchema(String schema) {
    return schema.equals("pg_catalog")
        || schema.equals("information_schema")
        || schema.startsWith("pg_toast")
        || schema.startsWith("pg_temp_");
  }
}
