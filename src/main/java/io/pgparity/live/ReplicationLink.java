package io.pgparity.live;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * What links the replica to the primary: its kind, for a logical subscriber the slots on the
 * primary that feed it and the subscriptions they serve (in the same order), and a one-line detail
 * for the report, e.g. {@code subscription s1 (slot s1) enabled}.
 */
public record ReplicationLink(
    ReplicaKind kind, List<String> slots, List<String> subscriptions, String detail) {

  public ReplicationLink {
    checkNotNull(kind, "kind");
    slots = List.copyOf(slots);
    subscriptions = List.copyOf(subscriptions);
    checkArgument(
        detail != null && !detail.isBlank(), "a replication link needs a detail for the report");
    checkArgument(
        kind == ReplicaKind.LOGICAL_SUBSCRIBER || (slots.isEmpty() && subscriptions.isEmpty()),
        "only a logical subscriber has slots and subscriptions, but a %s had slots %s and subscriptions %s",
        kind,
        slots,
        subscriptions);
    checkArgument(
        kind != ReplicaKind.LOGICAL_SUBSCRIBER
            || (!slots.isEmpty() && slots.size() == subscriptions.size()),
        "a logical subscriber needs one slot per subscription but had slots %s and subscriptions %s",
        slots,
        subscriptions);
  }

  /**
   * A link with no slots or subscriptions: a physical standby, a promoted or an independent server.
   */
  public static ReplicationLink of(ReplicaKind kind, String detail) {
    return new ReplicationLink(kind, List.of(), List.of(), detail);
  }

  /** One line for reports and logs: the kind's description and the detail. */
  public String summary() {
    return kind.description() + ": " + detail;
  }
}
