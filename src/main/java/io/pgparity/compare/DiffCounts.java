package io.pgparity.compare;

import io.pgparity.connect.Both;
import io.pgparity.hashing.BucketSum;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thread-safe tallies of one table's diff, and its divergence budget: once {@code maxDivergences}
 * rows are reported the table stops narrowing, so a wrecked replica cannot make a run last hours or
 * fill a disk.
 */
public final class DiffCounts {

  private final long maxDivergences;
  private final AtomicLong missing = new AtomicLong();
  private final AtomicLong extra = new AtomicLong();
  private final AtomicLong changed = new AtomicLong();
  private final AtomicLong converged = new AtomicLong();
  private final AtomicLong unstable = new AtomicLong();
  private final AtomicLong skippedRanges = new AtomicLong();
  private final AtomicLong convergedRanges = new AtomicLong();
  private final AtomicLong movedRanges = new AtomicLong();

  /** What the reported divergences add to each side's range sums: see {@link #explained()}. */
  private BucketSum explainedPrimary = BucketSum.EMPTY;

  private BucketSum explainedReplica = BucketSum.EMPTY;

  public DiffCounts(long maxDivergences) {
    this.maxDivergences = maxDivergences;
  }

  /** Counts a divergence if the budget allows; false once the budget is spent. */
  boolean take(DivergenceKind kind) {
    if (total() >= maxDivergences) {
      return false;
    }
    (switch (kind) {
          case MISSING_ON_REPLICA -> missing;
          case EXTRA_ON_REPLICA -> extra;
          case CHANGED -> changed;
        })
        .incrementAndGet();
    return true;
  }

  boolean exhausted() {
    return total() >= maxDivergences;
  }

  void converged() {
    converged.incrementAndGet();
  }

  /**
   * A range whose hashes differed but whose rows all agreed once the replica had caught up (in
   * flight).
   */
  void convergedRange() {
    convergedRanges.incrementAndGet();
  }

  /**
   * A range whose rows, read by the diff, no longer add up to what the hash pass read on one side:
   * rows moved in between (in flight on a replica that is waited for).
   */
  void movedRange() {
    movedRanges.incrementAndGet();
  }

  /**
   * Notes the rows behind one reported divergence: the primary's row (if any) and the replica's.
   */
  synchronized void explain(BucketSum primary, BucketSum replica) {
    explainedPrimary = explainedPrimary.plus(primary);
    explainedReplica = explainedReplica.plus(replica);
  }

  /**
   * The counts and row-hash sums of the rows behind every reported divergence, per side. On data
   * that did not move, the sums of the mismatched ranges must differ between the sides by exactly
   * as much: a difference no row explains is a missed row or a bug, never a consistent table.
   */
  public synchronized Both<BucketSum> explained() {
    return new Both<>(explainedPrimary, explainedReplica);
  }

  void unstable() {
    unstable.incrementAndGet();
  }

  /** A suspect range left unexamined because the budget was spent. */
  void skipped() {
    skippedRanges.incrementAndGet();
  }

  public long missing() {
    return missing.get();
  }

  public long extra() {
    return extra.get();
  }

  public long changed() {
    return changed.get();
  }

  /** Rows that changed on the primary at every recheck, or stayed within the settle window. */
  public long unstableRows() {
    return unstable.get();
  }

  /**
   * Rows that looked different in a range hash but were equal once the replica caught up (in
   * flight).
   */
  public long convergedRows() {
    return converged.get();
  }

  /** Ranges whose hash difference was gone once the replica had caught up. */
  public long convergedRanges() {
    return convergedRanges.get();
  }

  /** Ranges whose rows changed on a side between the hash pass and the diff. */
  public long movedRanges() {
    return movedRanges.get();
  }

  public long skippedRanges() {
    return skippedRanges.get();
  }

  /** True when the budget stopped the diff before every suspect range was examined. */
  public boolean incomplete() {
    return skippedRanges.get() > 0;
  }

  public long total() {
    return missing.get() + extra.get() + changed.get();
  }
}
