package io.pgparity.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.connect.ServerPair;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probe tells a logical subscriber from a server that no subscription links to the primary. */
class ReplicationProbeIntegrationTests {

  private static EmbeddedPair servers;
  private static ServerPair pair;
  private static String schema;
  private static String publication;
  private static TableRef items;

  @BeforeAll
  static void replicateOneTable() {
    servers = TestServers.pair();
    schema = TestServers.uniqueSchema("probe");
    publication = "probe_" + schema;
    items = new TableRef(schema, "items");
    servers.execBoth("CREATE TABLE " + items + " (id bigint PRIMARY KEY, label text)");
    servers.replicate(publication, items.toString());
    pair = LivePair.open(servers, "postgres");
  }

  @AfterAll
  static void dropAll() {
    if (pair != null) {
      pair.close();
    }
    servers.dropReplication(publication);
    TestServers.dropSchema(schema);
  }

  @Test
  void aReplicatedTablesPairIsALogicalSubscriberFedByTheSubscriptionsSlot() {
    ReplicationLink link = ReplicationProbe.detect(pair, List.of(items));

    assertThat(link.kind()).isEqualTo(ReplicaKind.LOGICAL_SUBSCRIBER);
    assertThat(link.slots()).containsExactly(publication);
    assertThat(link.subscriptions()).containsExactly(publication);
    assertThat(link.detail())
        .isEqualTo("subscription " + publication + " (slot " + publication + ") enabled");
  }

  @Test
  void withoutTablesEverySubscriptionOfTheDatabaseCounts() {
    ReplicationLink link = ReplicationProbe.detect(pair);

    assertThat(link.kind()).isEqualTo(ReplicaKind.LOGICAL_SUBSCRIBER);
    assertThat(link.slots()).contains(publication);
  }

  @Test
  void tablesNoSubscriptionReplicatesLeaveTheReplicaIndependent() {
    String name = "gone_" + schema;
    TableRef gone = new TableRef(schema, "gone");
    servers.execBoth("CREATE TABLE " + gone + " (id bigint PRIMARY KEY)");
    servers.replicate(name, gone.toString());
    assertThat(ReplicationProbe.detect(pair, List.of(gone)).slots()).containsExactly(name);

    servers.dropReplication(name);
    ReplicationLink link = ReplicationProbe.detect(pair, List.of(gone));

    assertThat(link.kind()).isEqualTo(ReplicaKind.INDEPENDENT);
    assertThat(link.slots()).isEmpty();
    // the embedded servers were initialised separately, so they are two clusters
    assertThat(link.detail())
        .contains("not in recovery")
        .contains("no subscription in the replica's database replicates the compared tables")
        .contains("a different system identifier");
  }

  @Test
  void aSubscriptionWhoseSlotIsNotOnThePrimaryIsNoLink() {
    String name = "elsewhere_" + schema;
    TableRef other = new TableRef(schema, "other");
    servers.execBoth("CREATE TABLE " + other + " (id bigint PRIMARY KEY)");
    servers.replicate(name, other.toString());
    servers.pauseReplication(name);
    LivePair.exec(
        servers.replica(), "ALTER SUBSCRIPTION " + name + " SET (slot_name = 'not_on_primary')");
    try {
      ReplicationLink link = ReplicationProbe.detect(pair, List.of(other));

      assertThat(link.kind()).isEqualTo(ReplicaKind.INDEPENDENT);
      assertThat(link.detail())
          .contains("subscription " + name + " (slot not_on_primary) has no slot on the primary");
    } finally {
      LivePair.exec(
          servers.replica(), "ALTER SUBSCRIPTION " + name + " SET (slot_name = '" + name + "')");
      servers.dropReplication(name);
    }
  }

  @Test
  void aRoleWithoutPrivilegesStillFindsTheSubscription() {
    String role = "reader_" + schema;
    LivePair.createReader(servers, role, schema);
    try (ServerPair asReader = LivePair.open(servers, role)) {
      ReplicationLink link = ReplicationProbe.detect(asReader, List.of(items));

      assertThat(link.kind()).isEqualTo(ReplicaKind.LOGICAL_SUBSCRIBER);
      assertThat(link.slots()).containsExactly(publication);
    } finally {
      LivePair.dropRole(servers, role);
    }
  }
}
