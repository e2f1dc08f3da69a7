package io.pgparity.live;

import io.pgparity.connect.Both;
import io.pgparity.connect.ServerPair;
import io.pgparity.live.ReplicationCatalog.Identity;
import io.pgparity.live.ReplicationCatalog.Subscription;
import io.pgparity.table.TableRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out how the replica is linked to the primary: a physical standby if it is in recovery; a
 * logical subscriber if its database has subscriptions whose slots exist in the primary's database;
 * promoted if neither, but it has the primary's system identifier; independent otherwise. It reads
 * only what any role may read; a catalog it may not read makes the answer less certain (down to
 * INDEPENDENT, with the reason in the detail), never an error. A subscription's connection string
 * (pg_subscription.subconninfo) is not readable without superuser, so the slot, found by name, is
 * the evidence that it is fed by this primary.
 */
public final class ReplicationProbe {

  private static final Logger log = LoggerFactory.getLogger(ReplicationProbe.class);

  private ReplicationProbe() {}

  /** Detects the link over all subscriptions of the replica's current database. */
  public static ReplicationLink detect(ServerPair pair) {
    return detect(pair, List.of());
  }

  /**
   * Detects the link, counting only subscriptions that replicate at least one of {@code tables}
   * (all when empty): a subscription that feeds other tables, perhaps disabled, must not make the
   * run wait for it.
   */
  public static ReplicationLink detect(ServerPair pair, Collection<TableRef> tables) {
    ReplicationLink link = probe(pair, List.copyOf(tables));
    log.info("Replica: {}", link.summary());
    return link;
  }

  private static ReplicationLink probe(ServerPair pair, List<TableRef> tables) {
    Both<Identity> identity = pair.onBoth("replication identity", ReplicationCatalog::identity);
    Identity primary = identity.primary();
    Identity replica = identity.replica();
    boolean identified = primary.systemIdentifier() != null && replica.systemIdentifier() != null;
    boolean sameCluster =
        identified && primary.systemIdentifier().equals(replica.systemIdentifier());
    if (replica.inRecovery()) {
      return identified && !sameCluster
          ? ReplicationLink.of(
              ReplicaKind.INDEPENDENT,
              "in recovery, but a standby of another cluster (system identifier "
                  + replica.systemIdentifier()
                  + ", the primary's is "
                  + primary.systemIdentifier()
                  + ")")
          : ReplicationLink.of(ReplicaKind.PHYSICAL_STANDBY, ReplicationCatalog.receiver(pair));
    }
    List<String> notes = new ArrayList<>();
    notes.add("not in recovery");
    Optional<List<Subscription>> subscriptions = ReplicationCatalog.subscriptions(pair, tables);
    if (subscriptions.isEmpty()) {
      notes.add("pg_subscription is not readable on the replica");
    } else if (subscriptions.get().isEmpty()) {
      notes.add(
          tables.isEmpty()
              ? "no subscription in the replica's database"
              : "no subscription in the replica's database replicates the compared tables");
    } else {
      Optional<ReplicationLink> logical = logical(pair, subscriptions.get(), notes);
      if (logical.isPresent()) {
        return logical.get();
      }
    }
    if (sameCluster) {
      return primary.startedAt().equals(replica.startedAt())
          ? ReplicationLink.of(
              ReplicaKind.INDEPENDENT,
              "the replica is on the primary's own server (same system identifier and start time)")
          : ReplicationLink.of(
              ReplicaKind.PROMOTED,
              "not in recovery, same system identifier "
                  + replica.systemIdentifier()
                  + " as the primary");
    }
    notes.add(
        identified
            ? "a different system identifier"
            : "system identifiers not readable (grant EXECUTE ON FUNCTION pg_control_system() to tell a promoted standby)");
    return ReplicationLink.of(ReplicaKind.INDEPENDENT, String.join("; ", notes));
  }

  /**
   * The subscriptions whose slot exists on the primary; empty, with the reasons added to {@code
   * notes}, if none.
   */
  private static Optional<ReplicationLink> logical(
      ServerPair pair, List<Subscription> subscriptions, List<String> notes) {
    List<String> wanted =
        subscriptions.stream().map(Subscription::slot).filter(Objects::nonNull).toList();
    Optional<Set<String>> found = ReplicationCatalog.slots(pair, wanted);
    if (found.isEmpty()) {
      notes.add("pg_replication_slots is not readable on the primary");
      return Optional.empty();
    }
    List<String> slots = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> linked = new ArrayList<>();
    for (Subscription subscription : subscriptions) {
      if (subscription.slot() != null && found.get().contains(subscription.slot())) {
        slots.add(subscription.slot());
        names.add(subscription.name());
        linked.add(subscription.describe());
      } else {
        notes.add(
            subscription.slot() == null
                ? "subscription " + subscription.name() + " has no slot (slot_name = NONE)"
                : "subscription "
                    + subscription.name()
                    + " (slot "
                    + subscription.slot()
                    + ") has no slot on the primary");
      }
    }
    return slots.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new ReplicationLink(
                ReplicaKind.LOGICAL_SUBSCRIBER, slots, names, String.join(", ", linked)));
  }
}
