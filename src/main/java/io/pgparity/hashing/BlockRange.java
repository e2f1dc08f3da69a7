package io.pgparity.hashing;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * Heap blocks {@code [first, end)} of a table on one side. An {@code open} range also takes the
 * blocks past {@code end}: the table's last slice, which must include rows appended after its size
 * was read. A range too slow to hash within the statement timeout is hashed as its {@link #halves}.
 */
public record BlockRange(long first, long end, boolean open) {

  public BlockRange {
    checkArgument(
        first >= 0 && end >= first,
        "block range [%s, %s) must not be negative or reversed",
        first,
        end);
  }

  /** Blocks known to be in the range; an open range may hold more. */
  public long blocks() {
    return end - first;
  }

  /** True while the range can be halved: it holds at least two blocks. */
  public boolean splittable() {
    return blocks() >= 2;
  }

  /** The lower and upper half; the upper half stays open if this range is. */
  public List<BlockRange> halves() {
    checkArgument(splittable(), "%s cannot be halved", this);
    long middle = first + blocks() / 2;
    return List.of(new BlockRange(first, middle, false), new BlockRange(middle, end, open));
  }

  @Override
  public String toString() {
    return "heap blocks " + first + (open ? "-end" : "-" + (end - 1));
  }
}
