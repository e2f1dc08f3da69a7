package io.pgparity.job;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.compare.SumDifference;
import io.pgparity.table.TableRef;
import io.pgparity.verdict.Status;
import java.util.Optional;

/**
 * A table's difference between the sides' hash sums that its reported rows do not explain, and what
 * it makes of the table. On a replica that was waited for, rows that converged or ranges whose rows
 * moved between the hash pass and the diff were in flight, and the hash pass's sums no longer hold
 * them to account, so only a difference with nothing in flight counts: INCOMPLETE, since the rows
 * were rechecked after the replica caught up. A replica that follows the primary but was not waited
 * for (lag-aware off) may have had rows in flight: INCOMPLETE. On a copy that is not waited for
 * (independent or promoted) nothing is in flight: a side was written during the run, or pgparity
 * has a bug; the table FAILED, never CONSISTENT.
 */
record UnexplainedDifference(Status status, String note) {

  UnexplainedDifference {
    checkNotNull(status, "status");
    checkNotNull(note, "note");
  }

  /**
   * The verdict on {@code left}, what the reported rows leave unexplained; empty when nothing is
   * left or rows in flight ({@code inFlight}: converged or unstable rows, moved or agreeing ranges)
   * account for it on a replica that was waited for. {@code replica} describes the replica's kind.
   */
  static Optional<UnexplainedDifference> judge(
      TableRef table,
      SumDifference left,
      long reported,
      boolean waited,
      boolean followsPrimary,
      long inFlight,
      String replica) {
    if (left.isZero() || (waited && inFlight > 0)) {
      return Optional.empty();
    }
    String what =
        table
            + ": the hash pass found the sides apart by "
            + left
            + " (primary minus replica) that none of the "
            + reported
            + " divergent rows reported explains";
    if (waited) {
      return Optional.of(
          new UnexplainedDifference(
              Status.INCOMPLETE,
              what
                  + ", and rechecking after the replica caught up found"
                  + " no row in flight; run again, and if it persists report it as a pgparity bug with this run folder"));
    }
    if (followsPrimary) {
      return Optional.of(
          new UnexplainedDifference(
              Status.INCOMPLETE,
              what
                  + "; the replica follows the primary but was not"
                  + " waited for (lag-aware off), so rows in flight may explain it: run again with lag-aware on"));
    }
    return Optional.of(
        new UnexplainedDifference(
            Status.FAILED,
            "pgparity could not explain a difference: "
                + what
                + ". The replica ("
                + replica
                + ") is not waited for, so nothing was in flight: either a side was written"
                + " during the run, or this is a bug in pgparity; please report it with this run folder"));
  }
}
