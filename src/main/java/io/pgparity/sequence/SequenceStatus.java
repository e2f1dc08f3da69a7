package io.pgparity.sequence;

/**
 * How a sequence's state on the replica compares with the primary's. Only states that would hand
 * out values already used, or that lose the sequence, make the run DIVERGENT: a replica ahead of
 * the primary is normal (a physical standby sees the value the primary logged in advance, up to 32
 * calls ahead) and costs only a gap.
 */
public enum SequenceStatus {
  /** Both sides hold the same last value. */
  SAME(false),
  /** The replica's value is ahead: nextval there skips values, never repeats one. */
  REPLICA_AHEAD(false),
  /** The replica's value is behind the primary's: after a failover nextval repeats values. */
  REPLICA_BEHIND(true),
  /**
   * The replica's value is behind the maximum of the column that owns it there: the next insert
   * that takes a default key fails with a duplicate (or silently reuses a key without a unique
   * index).
   */
  BEHIND_COLUMN_MAX(true),
  /** The sequence exists on the primary only. */
  PRIMARY_ONLY(true),
  /** The sequence exists on the replica only. */
  REPLICA_ONLY(false),
  /**
   * Not compared: a side's state could not be read (the connecting role lacks SELECT on the
   * sequence there, or it is unlogged and that side is a standby, which keeps no unlogged data).
   * Not divergent, but not judged either: a run must not call it consistent (the reason says which
   * side and why).
   */
  UNREADABLE(false);

  private final boolean divergent;

  SequenceStatus(boolean divergent) {
    this.divergent = divergent;
  }

  /** Whether this state makes the run's verdict DIVERGENT. */
  public boolean divergent() {
    return divergent;
  }

  /** Whether the sequence was compared at all (every state but {@link #UNREADABLE}). */
  public boolean judged() {
    return this != UNREADABLE;
  }
}
