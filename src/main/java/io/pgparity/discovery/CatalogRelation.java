package io.pgparity.discovery;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;

/**
 * One relation as a side's catalog lists it. {@code parent} (nullable) is the partitioned table it
 * is a partition of; {@code canSelect} is whether the connecting role may read it (USAGE on its
 * schema and SELECT on it); {@code estimatedRows} is pg_class.reltuples (-1 when never vacuumed or
 * analyzed) and {@code pages} relpages, both as of the last VACUUM or ANALYZE.
 */
public record CatalogRelation(
    TableRef table,
    RelationKind kind,
    boolean unlogged,
    TableRef parent,
    boolean canSelect,
    long estimatedRows,
    long pages) {

  public CatalogRelation {
    checkNotNull(table, "table");
    checkNotNull(kind, "kind");
    checkArgument(estimatedRows >= -1, "%s: estimatedRows %s", table, estimatedRows);
    checkArgument(pages >= 0, "%s: pages %s", table, pages);
  }

  public boolean partitioned() {
    return kind == RelationKind.PARTITIONED_TABLE;
  }
}
