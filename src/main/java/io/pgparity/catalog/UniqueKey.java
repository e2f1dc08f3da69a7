package io.pgparity.catalog;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Collection;
import java.util.List;

/**
 * A unique index that enforces uniqueness of its key columns on one side: valid, not partial, no
 * expressions (INCLUDE columns are not part of it). {@code immediate} is false for a DEFERRABLE
 * constraint, which is checked at commit; {@code replicaIdentity} is true for the index named by
 * REPLICA IDENTITY USING INDEX. Its columns may allow NULL: a unique index does not stop rows whose
 * key holds NULL.
 */
public record UniqueKey(
    List<String> columns, boolean primaryKey, boolean immediate, boolean replicaIdentity) {

  public UniqueKey {
    // PostgreSQL accepts an index naming a column twice, (a, a); it keeps a unique like (a) does
    columns = columns.stream().distinct().toList();
    checkArgument(!columns.isEmpty(), "a unique key needs columns");
  }

  /** True when this index keeps {@code key} unique, i.e. its columns are all among the key's. */
  public boolean enforces(Collection<String> key) {
    return key.containsAll(columns);
  }
}
