package io.pgparity.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A replication link's invariants, and which kinds of replica follow the primary. */
class ReplicationLinkTests {

  @Test
  void aLogicalLinkKeepsItsSlotsAndSubscriptionsImmutable() {
    List<String> slots = new ArrayList<>(List.of("s1"));
    ReplicationLink link =
        new ReplicationLink(
            ReplicaKind.LOGICAL_SUBSCRIBER,
            slots,
            List.of("sub1"),
            "subscription sub1 (slot s1) enabled");
    slots.add("s2");
    assertThat(link.slots()).containsExactly("s1");
    assertThatThrownBy(() -> link.slots().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(link.summary())
        .isEqualTo(
            ReplicaKind.LOGICAL_SUBSCRIBER.description() + ": subscription sub1 (slot s1) enabled");
  }

  @Test
  void onlyALogicalLinkHasSlotsAndItHasOnePerSubscription() {
    assertThatThrownBy(
            () ->
                new ReplicationLink(
                    ReplicaKind.PHYSICAL_STANDBY, List.of("s1"), List.of("s1"), "x"))
        .hasMessageContaining("PHYSICAL_STANDBY");
    assertThatThrownBy(
            () -> new ReplicationLink(ReplicaKind.LOGICAL_SUBSCRIBER, List.of(), List.of(), "x"))
        .hasMessageContaining("one slot per subscription");
    assertThatThrownBy(
            () ->
                new ReplicationLink(
                    ReplicaKind.LOGICAL_SUBSCRIBER, List.of("a", "b"), List.of("a"), "x"))
        .hasMessageContaining("[a, b]");
    assertThatThrownBy(() -> ReplicationLink.of(ReplicaKind.INDEPENDENT, " "))
        .hasMessageContaining("detail");
  }

  @Test
  void onlyStandbysAndSubscribersFollowThePrimary() {
    assertThat(ReplicaKind.values())
        .filteredOn(ReplicaKind::followsPrimary)
        .containsExactly(ReplicaKind.PHYSICAL_STANDBY, ReplicaKind.LOGICAL_SUBSCRIBER);
    assertThat(ReplicaKind.values())
        .allSatisfy(kind -> assertThat(kind.description()).isNotBlank().doesNotContain("\n"));
  }
}
