package io.pgparity.hashing;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;

/**
 * The adaptive size, in heap blocks, of the next hash query's piece: it starts small and moves
 * towards the target time per query from the speed observed, at most doubling or halving at a time,
 * so one slow or fast piece (a cold cache, a burst of load) does not swing it far. One instance
 * serves all heap slices of a table on one side, so a slice starts where the previous ones left it;
 * slices hashed at the same time share it, hence the locking.
 */
public final class PieceSize {

  /** 8 MB of heap with 8 kB blocks: fast enough to learn the speed without a long first query. */
  static final long FIRST_BLOCKS = 1_024;

  static final long MIN_BLOCKS = 64;

  private final Duration target;
  private long blocks;

  public PieceSize(Duration target) {
    checkArgument(
        !target.isNegative() && !target.isZero(), "target must be positive but was %s", target);
    this.target = target;
    this.blocks = FIRST_BLOCKS;
  }

  synchronized long blocks() {
    return blocks;
  }

  /** Adapts to a piece of {@code pieceBlocks} blocks that took {@code took}. */
  synchronized void observed(long pieceBlocks, Duration took) {
    if (pieceBlocks < blocks) {
      return; // a short last piece says little about the speed
    }
    double ratio = (double) target.toNanos() / Math.max(1, took.toNanos());
    double factor = Math.max(0.5, Math.min(2.0, ratio));
    blocks = Math.max(MIN_BLOCKS, (long) (blocks * factor));
  }
}
