package io.pgparity.live;

/** How the replica is linked to the primary, as {@link ReplicationProbe} found it. */
public enum ReplicaKind {
  PHYSICAL_STANDBY("physical standby, replaying the primary's WAL"),
  LOGICAL_SUBSCRIBER("logical subscriber, fed by replication slots on the primary"),
  PROMOTED("promoted former standby, the primary's cluster but no longer replicating from it"),
  INDEPENDENT("independent server, no replication link to the primary found");

  private final String description;

  ReplicaKind(String description) {
    this.description = description;
  }

  /** One line for reports and logs. */
  public String description() {
    return description;
  }

  /**
   * Whether the replica follows the primary's WAL, so that waiting for it to catch up can succeed.
   */
  public boolean followsPrimary() {
    return this == PHYSICAL_STANDBY || this == LOGICAL_SUBSCRIBER;
  }
}
