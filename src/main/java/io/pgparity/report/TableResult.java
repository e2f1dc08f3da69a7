package io.pgparity.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import io.pgparity.verdict.Status;
import java.util.List;

/**
 * The outcome for one table. {@code columns} are the compared columns (common to both sides);
 * {@code note} explains an INCOMPLETE or FAILED status in one line, and is null otherwise; {@code
 * strip} says where in the key space the differences lie, and is null when not recorded (a table
 * that failed or could not be compared). The groups are the ones summary.json writes ({@link
 * SummaryJson.Table}), so the file and the result cannot name a count differently.
 */
public record TableResult(
    TableRef table,
    List<String> key,
    List<String> columns,
    Rows rows,
    Differences differences,
    List<String> schemaFindings,
    Status status,
    double seconds,
    String note,
    Rechecks rechecks,
    KeySpaceStrip strip) {

  public TableResult {
    checkNotNull(table, "table");
    checkNotNull(rows, "rows");
    checkNotNull(differences, "differences");
    checkNotNull(status, "status");
    checkNotNull(rechecks, "rechecks");
    key = List.copyOf(key);
    columns = List.copyOf(columns);
    schemaFindings = List.copyOf(schemaFindings);
    checkArgument(
        strip == null || strip.ranges() == rows.ranges(),
        "the key-space strip of %s has %s ranges but the table has %s; build both from the same plan",
        table,
        strip == null ? 0 : strip.ranges(),
        rows.ranges());
  }

  /** Rows that differ in any way. */
  public long divergentRows() {
    return differences.total();
  }

  /** Rows read on each side, and the key ranges hashed. */
  public record Rows(long rowsPrimary, long rowsReplica, int ranges) {

    /** A table that was not read. */
    public static final Rows NONE = new Rows(0, 0, 0);

    public Rows {
      checkArgument(rowsPrimary >= 0 && rowsReplica >= 0, "row counts must not be negative");
      checkArgument(ranges >= 0, "ranges must not be negative");
    }

    /** Both tallies together, as shards of one table add up. */
    public Rows plus(Rows other) {
      return new Rows(
          rowsPrimary + other.rowsPrimary, rowsReplica + other.rowsReplica, ranges + other.ranges);
    }
  }

  /** Divergent rows by kind. */
  public record Differences(long missingOnReplica, long extraOnReplica, long changed) {

    /** No row differs (or none was compared). */
    public static final Differences NONE = new Differences(0, 0, 0);

    public Differences {
      checkArgument(
          missingOnReplica >= 0 && extraOnReplica >= 0 && changed >= 0,
          "counts must not be negative");
    }

    /** Rows that differ in any way. */
    public long total() {
      return missingOnReplica + extraOnReplica + changed;
    }

    /** Both tallies together, as shards of one table add up. */
    public Differences plus(Differences other) {
      return new Differences(
          missingOnReplica + other.missingOnReplica,
          extraOnReplica + other.extraOnReplica,
          changed + other.changed);
    }
  }

  /**
   * Rows that looked different, read again: {@code converged} ones were in flight after all, {@code
   * unstable} ones could not be judged now.
   */
  public record Rechecks(long converged, long unstable) {

    /** No row was read again. */
    public static final Rechecks NONE = new Rechecks(0, 0);

    public Rechecks {
      checkArgument(converged >= 0 && unstable >= 0, "recheck counts must not be negative");
    }

    /** Both tallies together, as shards of one table add up. */
    public Rechecks plus(Rechecks other) {
      return new Rechecks(converged + other.converged, unstable + other.unstable);
    }
  }
}
