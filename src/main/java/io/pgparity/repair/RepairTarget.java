package io.pgparity.repair;

import io.pgparity.compare.Divergence;
import io.pgparity.connect.Side;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The side a repair writes to; the other side is the source of truth it copies from. The replica by
 * default; the primary after a failover, when writes lost with the old primary go back to the new
 * one.
 */
public enum RepairTarget {
  REPLICA(Side.REPLICA, Side.PRIMARY),
  PRIMARY(Side.PRIMARY, Side.REPLICA);

  private final Side side;
  private final Side source;

  RepairTarget(Side side, Side source) {
    this.side = side;
    this.source = source;
  }

  /** The side that is written. */
  public Side side() {
    return side;
  }

  /** The side whose rows are copied. */
  public Side source() {
    return source;
  }

  /** {@code replica} or {@code primary}, as on the command line and in repair.sql. */
  public String label() {
    return side.label();
  }

  /** The target's row as verify saw it, or null when verify saw none there. */
  public Map<String, String> seen(Divergence divergence) {
    return side == Side.REPLICA ? divergence.replica() : divergence.primary();
  }

  /** The target named {@code replica} or {@code primary} (any case), or empty. */
  public static Optional<RepairTarget> parse(String label) {
    return Arrays.stream(values()).filter(t -> t.label().equalsIgnoreCase(label)).findFirst();
  }
}
