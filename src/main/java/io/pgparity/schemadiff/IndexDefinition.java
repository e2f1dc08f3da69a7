package io.pgparity.schemadiff;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import java.util.List;

/**
 * An index: {@code definition} is pg_get_indexdef() with "CREATE [UNIQUE] INDEX name ON table"
 * removed (so two indexes that differ only by name read alike), prefixed by UNIQUE for a unique
 * index and followed by " INVALID" for an index a failed CREATE INDEX CONCURRENTLY left. {@code
 * keyColumns} are the key columns when all are plain columns (empty when any is an expression);
 * {@code enforcesUniqueness} is a valid unique index without predicate or expressions, the kind the
 * catalog's key check counts; {@code constraint} names the constraint it backs (primary key,
 * unique, exclusion), null for a stand-alone index.
 */
public record IndexDefinition(
    TableRef table,
    String name,
    String definition,
    boolean unique,
    boolean enforcesUniqueness,
    List<String> keyColumns,
    String constraint) {

  public IndexDefinition {
    checkNotNull(table, "table");
    checkArgument(name != null && !name.isEmpty(), "index name");
    checkArgument(definition != null && !definition.isEmpty(), "%s: definition", name);
    checkArgument(
        unique || !enforcesUniqueness, "%s: only a unique index enforces uniqueness", name);
    keyColumns = List.copyOf(keyColumns);
  }
}
