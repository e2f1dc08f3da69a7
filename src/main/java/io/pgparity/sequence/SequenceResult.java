package io.pgparity.sequence;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;

/**
 * One sequence compared. Values are the last value handed out ({@code pg_sequences.last_value});
 * null when the sequence was never used on that side or does not exist there. {@code ownerTable}
 * and {@code ownerColumn} (both null or both set) name the column that owns it (serial, identity,
 * OWNED BY); {@code replicaColumnMax} is that column's maximum on the replica (null when the table
 * is empty or there is no owner).
 */
public record SequenceResult(
    TableRef sequence,
    Long primaryValue,
    Long replicaValue,
    TableRef ownerTable,
    String ownerColumn,
    Long replicaColumnMax,
    SequenceStatus status) {

  public SequenceResult {
    checkNotNull(sequence, "sequence");
    checkNotNull(status, "status");
    checkArgument(
        (ownerTable == null) == (ownerColumn == null),
        "%s: owner table and column are given together",
        sequence);
  }

  public boolean divergent() {
    return status.divergent();
  }
}
