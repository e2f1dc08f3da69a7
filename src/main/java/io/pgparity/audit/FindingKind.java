package io.pgparity.audit;

/** What an audit finding is about. */
public enum FindingKind {
  /** A setting differs from the job's expect: value. */
  UNEXPECTED_SETTING,
  /** A setting that must agree between the two sides does not. */
  SETTINGS_DISAGREE,
  /** A replication slot that no one uses holds WAL back on the primary. */
  INACTIVE_SLOT,
  /** A subscription on the replica is disabled. */
  SUBSCRIPTION_DISABLED,
  /** The replica is in recovery but its WAL receiver is not streaming. */
  STANDBY_NOT_STREAMING
}
