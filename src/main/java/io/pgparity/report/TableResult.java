package io.pgparity.report;

import io.pgparity.verdict.Status;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import java.util.List;

/**
 * The outcome for one table. {@code columns} are the compared columns (common to both sides);
 * {@code note} explains an INCOMPLETE or FAILED status in one line, and is null otherwise; {@code
 * converged} rows looked different but were in flight, {@code unstable} ones could not be judged;
 * {@code strip} says where in the key space the differences lie, and is null when not recorded
 * (a table that failed or could not be compared).
 */
public record TableResult(
    TableRef table,
    List<String> key,
    List<String> columns,
    long rowsPrimary,
    long rowsReplica,
    int ranges,
    long missingOnReplica,
    long extraOnReplica,
    long changed,
    List<String> schemaFindings,
    Status status,
    double seconds,
    String note,
    long converged,
    long unstable,
    KeySpaceStrip strip) {

  public TableResult {
    checkNotNull(table, "table");
    checkNotNull(status, "status");
    key = List.copyOf(key);
    columns = List.copyOf(columns);
    schemaFindings = List.copyOf(schemaFindings);
    checkArgument(rowsPrimary >= 0 && rowsReplica >= 0, "row counts must not be negative");
    checkArgument(missingOnReplica >= 0 && extraOnReplica >= 0 && changed >= 0, "counts must not be negative");
    checkArgument(converged >= 0 && unstable >= 0, "recheck counts must not be negative");
    checkArgument(strip == null || strip.ranges() == ranges,
        "the key-space strip of %s has %s ranges but the table has %s; build both from the same plan", table,
        strip == null ? 0 : strip.ranges(), ranges);
  }

  /** A result without a key-space strip. */
  public TableResult(TableRef table, List<String> key, List<String> columns, long rowsPrimary, long rowsReplica,
      int ranges, long missingOnReplica, long extraOnReplica, long changed, List<String> schemaFindings, Status status,
      double seconds, String note, long converged, long unstable) {
    this(table, key, columns, rowsPrimary, rowsReplica, ranges, missingOnReplica, extraOnReplica, changed,
        schemaFindings, status, seconds, note, converged, unstable, null);
  }

  /** A result without rechecked rows. */
  public TableResult(TableRef table, List<String> key, List<String> columns, long rowsPrimary, long rowsReplica,
      int ranges, long missingOnReplica, long extraOnReplica, long changed, List<String> schemaFindings, Status status,
      double seconds, String note) {
    this(table, key, columns, rowsPrimary, rowsReplica, ranges, missingOnReplica, extraOnReplica, changed,
        schemaFindings, status, seconds, note, 0, 0, null);
  }

  /** Rows that differ in any way. */
  public long divergentRows() {
    return missingOnReplica + extraOnReplica + changed;
  }
}
