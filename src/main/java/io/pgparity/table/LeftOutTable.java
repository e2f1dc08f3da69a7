package io.pgparity.table;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A table the selection matched but the run does not compare, with the reason an auditor reads;
 * {@code detail} (nullable) adds what the reason alone does not say, e.g. "on the replica" or the
 * exclude pattern that matched.
 */
public record LeftOutTable(TableRef table, LeftOutReason reason, String detail) {

  public LeftOutTable {
    checkNotNull(table, "table");
    checkNotNull(reason, "reason");
  }
}
