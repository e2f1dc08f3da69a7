package io.pgparity.compare;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Thread-safe tallies of one table's diff, and its divergence budget: once {@code
 * maxDivergences} rows are reported the table stops narrowing, so a wrecked replica cannot make a
 * run last hours or fill a disk.
 */
public final class DiffCounts {

  private final long maxDivergences;
  private final AtomicLong missing = new AtomicLong();
  private final AtomicLong extra = new AtomicLong();
  private final AtomicLong changed = new AtomicLong();
  private final AtomicLong converged = new AtomicLong();
  private final AtomicLong unstable = new AtomicLong();
  private final AtomicLong skippedRanges = new AtomicLong();

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

  /** Rows that looked different in a range hash but were equal once the replica caught up (in flight). */
  public long convergedRows() {
    return converged.get();
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
