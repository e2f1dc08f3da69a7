package io.pgparity.sequence;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;

/**
 * One sequence as one side's catalog and buffer show it. {@code position} is null when {@code
 * unreadable} says why the state could not be read (and, inside {@link SequenceCatalog} only,
 * before the state is read). {@code ownerTable}/{@code ownerColumn} name the column it belongs to
 * through a serial/OWNED BY (pg_depend deptype 'a') or identity ('i') dependency; {@code
 * ownerColumnReadable} is false when that column is not of an integer type or the role may not
 * SELECT it, so its maximum is not read.
 */
record SideSequence(
    TableRef sequence,
    String dataType,
    long start,
    long increment,
    long min,
    long max,
    long cache,
    boolean cycle,
    SequencePosition position,
    String unreadable,
    TableRef ownerTable,
    String ownerColumn,
    boolean ownerColumnReadable) {

  SideSequence {
    checkNotNull(sequence, "sequence");
    checkNotNull(dataType, "dataType");
    checkArgument(increment != 0, "%s: a sequence's increment is never 0", sequence);
    checkArgument(
        position == null || unreadable == null,
        "%s: a position or why there is none, not both",
        sequence);
    checkArgument(
        (ownerTable == null) == (ownerColumn == null),
        "%s: owner table and column are given together",
        sequence);
  }

  boolean readable() {
    return position != null;
  }

  boolean owned() {
    return ownerTable != null;
  }

  /** Owner as "schema.table.column", for messages. */
  String ownerText() {
    return owned() ? ownerTable.unambiguous() + "." + ownerColumn : "no column";
  }

  SideSequence withPosition(SequencePosition read) {
    return new SideSequence(
        sequence,
        dataType,
        start,
        increment,
        min,
        max,
        cache,
        cycle,
        read,
        null,
        ownerTable,
        ownerColumn,
        ownerColumnReadable);
  }

  SideSequence withUnreadable(String why) {
    return new SideSequence(
        sequence,
        dataType,
        start,
        increment,
        min,
        max,
        cache,
        cycle,
        null,
        why,
        ownerTable,
        ownerColumn,
        ownerColumnReadable);
  }
}
