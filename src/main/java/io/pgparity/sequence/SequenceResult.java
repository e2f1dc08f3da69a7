package io.pgparity.sequence;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;

/**
 * One sequence compared. Values are the last value handed out ({@code pg_sequences.last_value});
 * null when the sequence was never used on that side (or not since ALTER SEQUENCE RESTART or
 * setval(..., false)) or does not exist there. {@code ownerTable} and {@code ownerColumn} (both
 * null or both set) name the column that owns it (serial, identity, OWNED BY); {@code
 * replicaColumnMax} is that column's maximum on the replica, its minimum for a descending sequence
 * (null when the table is empty, there is no owner or the column is not of an integer type). {@code
 * reason} says in words why the status holds (the values each side hands out next, which side could
 * not be read); null only from the short constructor.
 *
 * <p>"Behind" follows the sequence's direction: for an ascending sequence (increment &gt; 0) a
 * lower value is behind, for a descending one (increment &lt; 0) a higher one, and a sequence never
 * called at a value is behind one called at that same value (the first hands it out next, the
 * second has handed it out already). The direction is the primary's.
 */
public record SequenceResult(
    TableRef sequence,
    Long primaryValue,
    Long replicaValue,
    TableRef ownerTable,
    String ownerColumn,
    Long replicaColumnMax,
    SequenceStatus status,
    boolean descending,
    String reason) {

  public SequenceResult {
    checkNotNull(sequence, "sequence");
    checkNotNull(status, "status");
    checkArgument(
        (ownerTable == null) == (ownerColumn == null),
        "%s: owner table and column are given together",
        sequence);
    checkArgument(reason == null || !reason.isBlank(), "%s: a reason must say something", sequence);
  }

  /** An ascending sequence's result without a reason in words. */
  public SequenceResult(
      TableRef sequence,
      Long primaryValue,
      Long replicaValue,
      TableRef ownerTable,
      String ownerColumn,
      Long replicaColumnMax,
      SequenceStatus status) {
    this(
        sequence,
        primaryValue,
        replicaValue,
        ownerTable,
        ownerColumn,
        replicaColumnMax,
        status,
        false,
        null);
  }

  public boolean divergent() {
    return status.divergent();
  }
}
