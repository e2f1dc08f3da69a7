package io.pgparity.table;

/** Why a table that a selection matched is not compared. */
public enum LeftOutReason {
  /** An exclude pattern (--exclude, exclude: in the job file) matched it. */
  EXCLUDED,
  /** The connecting role may not SELECT it on one side (the detail names the side). */
  NO_SELECT_PRIVILEGE,
  /** Unlogged: neither physical nor logical replication carries its rows. */
  UNLOGGED,
  /** A foreign table: its rows live on another server. */
  FOREIGN_TABLE,
  /** A materialized view, compared only on request (--materialized-views). */
  MATERIALIZED_VIEW,
  /** A partitioned table: compared through its leaf partitions, never as a whole. */
  COMPARED_THROUGH_PARTITIONS
}
