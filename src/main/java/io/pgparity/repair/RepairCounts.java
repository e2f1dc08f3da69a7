package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkArgument;

/** How many statements of each kind a repair.sql holds, or an apply changed. */
public record RepairCounts(long inserts, long updates, long deletes) {

  public RepairCounts {
    checkArgument(inserts >= 0 && updates >= 0 && deletes >= 0, "counts are never negative");
  }

  public static RepairCounts none() {
    return new RepairCounts(0, 0, 0);
  }

  /** These counts with one more of {@code kind}. */
  public RepairCounts plus(RepairKind kind) {
    return switch (kind) {
      case INSERT -> new RepairCounts(inserts + 1, updates, deletes);
      case UPDATE -> new RepairCounts(inserts, updates + 1, deletes);
      case DELETE -> new RepairCounts(inserts, updates, deletes + 1);
      case SETVAL -> this;
    };
  }

  public long total() {
    return inserts + updates + deletes;
  }

  /** {@code 3 INSERT, 4 UPDATE, 5 DELETE}. */
  public String describe() {
    return inserts + " INSERT, " + updates + " UPDATE, " + deletes + " DELETE";
  }
}
