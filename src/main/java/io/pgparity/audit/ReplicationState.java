package io.pgparity.audit;

import java.util.List;

/**
 * What the audit read about replication: the primary's senders and slots, the replica's receiver
 * and subscriptions.
 */
public record ReplicationState(
    List<Sender> senders,
    List<Slot> slots,
    boolean replicaInRecovery,
    String receiverStatus,
    List<Subscription> subscriptions) {

  /** The receiver status shown when a WAL receiver runs but the role may not read its status. */
  public static final String HIDDEN = "hidden (needs pg_monitor)";

  public ReplicationState {
    senders = List.copyOf(senders);
    slots = List.copyOf(slots);
    subscriptions = List.copyOf(subscriptions);
  }

  /** A row of the primary's pg_stat_replication; lags are interval text or null. */
  public record Sender(
      String applicationName,
      String state,
      String syncState,
      String writeLag,
      String flushLag,
      String replayLag) {}

  /** A row of the primary's pg_replication_slots; retainedBytes is null without a restart_lsn. */
  public record Slot(String name, String type, boolean active, Long retainedBytes) {}

  /**
   * A subscription of the replica's database; lastMessage is the latest last_msg_receipt_time text
   * or null.
   */
  public record Subscription(String name, boolean enabled, String lastMessage) {}
}
