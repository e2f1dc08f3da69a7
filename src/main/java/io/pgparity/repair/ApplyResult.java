package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * What applying a repair.sql did: the statements that changed their row, by kind; those skipped as
 * stale (their guard no longer held: the target row changed after verify), with the first few line
 * numbers; and the transactions committed.
 */
public record ApplyResult(
    RepairTarget target,
    RepairCounts applied,
    long stale,
    List<Integer> staleLines,
    int transactions) {

  /** How many stale line numbers are kept for the message. */
  public static final int STALE_LINES_KEPT = 20;

  public ApplyResult {
    checkNotNull(target, "target");
    checkNotNull(applied, "applied");
    checkArgument(stale >= 0, "stale must not be negative");
    staleLines = List.copyOf(staleLines);
  }

  public long statements() {
    return applied.total() + stale;
  }

  /** Whether every statement changed its row. */
  public boolean complete() {
    return stale == 0;
  }
}
