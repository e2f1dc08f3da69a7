package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.sequence.SequenceResult;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The repair for sequences, applied on the replica: a {@code setval} that moves each sequence that
 * is behind the primary's value or behind its own column's maximum past both, each after a comment
 * line saying why. A sequence the replica lacks gets a comment only: DDL is not repaired. Nothing
 * is emitted for sequences that are the same, ahead, on the replica only or not judged.
 */
public final class SequenceRepair {

  private SequenceRepair() {}

  /** The lines (comments and statements, in order) that repair {@code results} on the replica. */
  public static List<String> lines(List<SequenceResult> results) {
    checkNotNull(results, "results");
    List<String> lines = new ArrayList<>();
    for (SequenceResult result : results) {
      lines.addAll(lines(result));
    }
    return lines;
  }

  /** The lines for one result; none when it needs no repair. */
  static List<String> lines(SequenceResult result) {
    String name = RepairHeader.comment(result.sequence().unambiguous());
    return switch (result.status()) {
      case REPLICA_BEHIND, BEHIND_COLUMN_MAX -> setval(result, name);
      case PRIMARY_ONLY ->
          List.of(
              "-- sequence "
                  + name
                  + " exists on the primary only: create it on the replica (DDL is not repaired),"
                  + " then set it to the primary's value"
                  + (result.primaryValue() == null ? "" : " " + result.primaryValue()));
      case SAME, REPLICA_AHEAD, REPLICA_ONLY, UNREADABLE -> List.of();
    };
  }

  /**
   * Moves the sequence to the furthest of the primary's last value, the replica's column maximum
   * (minimum, descending) and the replica's own value, as handed out (is_called true): nextval then
   * returns the value after it, which neither side has used.
   */
  private static List<String> setval(SequenceResult result, String name) {
    Long target = null;
    for (Long value :
        new Long[] {result.primaryValue(), result.replicaColumnMax(), result.replicaValue()}) {
      if (value != null && (target == null || furtherThan(value, target, result.descending()))) {
        target = value;
      }
    }
    boolean primaryReset = result.primaryValue() == null;
    List<String> lines = new ArrayList<>();
    if (primaryReset && result.replicaColumnMax() == null) {
      // REPLICA_BEHIND with the primary not called: it was reset (RESTART, setval(..., false))
      // to a value this run did not keep; copying it needs the primary's last_value and is_called
      lines.add(
          "-- sequence "
              + name
              + " is behind the primary's, which was reset and not used since: read"
              + " last_value and is_called there and setval(sequence, last_value, is_called) here");
      return lines;
    }
    lines.add("-- sequence " + name + ": " + why(result, primaryReset));
    // never backwards: should the replica's sequence have moved past the target since verify, it
    // stays where it is (pg_sequence_last_value is NULL until the first nextval, which GREATEST and
    // LEAST ignore); the target is a bigint this code produced, never text from a user
    String sequence = regclass(result.sequence());
    lines.add(
        RepairKind.SETVAL_START
            + sequence
            + ", "
            + (result.descending() ? "LEAST(" : "GREATEST(")
            + target
            + ", pg_catalog.pg_sequence_last_value("
            + sequence
            + ")), true);");
    return lines;
  }

  private static boolean furtherThan(long value, long than, boolean descending) {
    return descending ? value < than : value > than;
  }

  private static String why(SequenceResult result, boolean primaryReset) {
    StringBuilder why = new StringBuilder();
    if (result.replicaColumnMax() != null) {
      why.append("the replica's ")
          .append(RepairHeader.comment(result.ownerTable().unambiguous()))
          .append('.')
          .append(RepairHeader.comment(result.ownerColumn()))
          .append(" holds ")
          .append(result.replicaColumnMax())
          .append(", ");
    }
    why.append("the primary handed out ")
        .append(result.primaryValue() == null ? "nothing yet" : result.primaryValue())
        .append(", the replica ")
        .append(result.replicaValue() == null ? "nothing yet" : result.replicaValue())
        .append(": move it past all of them");
    if (primaryReset) {
      why.append(" (the primary was reset and not used since: check its value too)");
    }
    return why.toString();
  }

  /** The sequence as a regclass literal: identifiers quoted, then the text as a string literal. */
  static String regclass(TableRef sequence) {
    return SqlLiteral.quoted(SqlIdentifier.quote(sequence)) + "::pg_catalog.regclass";
  }
}
