package io.pgparity.sequence;

import static io.pgparity.sequence.SequenceComparisonIntegrationTests.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.connect.ServerPair;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.live.CatchUp;
import io.pgparity.repair.SequenceRepair;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A logical subscriber receives the rows of serial tables but never their sequences: promoted, it
 * would hand out keys that already exist. The comparison finds it, SequenceRepair's setval on the
 * subscriber fixes it.
 */
class SubscriberSequencesIntegrationTests {

  private static final Duration GENEROUS = Duration.ofSeconds(120);

  private static EmbeddedPair servers;
  private static String schema;
  private static String publication;
  private static ServerPair pair;

  @BeforeAll
  static void subscribe() {
    servers = TestServers.pair();
    schema = TestServers.uniqueSchema("seqsub");
    publication = "seq_" + schema;
    servers.execBoth(
        ("CREATE TABLE %s.orders (id serial PRIMARY KEY, note text);"
                + "CREATE TABLE %s.emptied (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);")
            .replace("%s", schema));
    servers.replicate(publication, schema + ".orders", schema + ".emptied");
    pair = SequencePairs.open(servers.primaryUrl(), servers.replicaUrl());
  }

  @AfterAll
  static void drop() {
    if (pair != null) {
      pair.close();
    }
    servers.dropReplication(publication);
    TestServers.dropSchema(schema);
  }

  @Test
  void theSubscribersSequencesStayBehindItsDataUntilRepaired() {
    TestServers.exec(
        servers.primary(),
        ("INSERT INTO %s.orders (note) SELECT 'n' || g FROM generate_series(1, 50) g;"
                + "INSERT INTO %s.emptied SELECT FROM generate_series(1, 5);"
                + "DELETE FROM %s.emptied;")
            .replace("%s", schema));
    List<TableRef> tables =
        List.of(new TableRef(schema, "orders"), new TableRef(schema, "emptied"));
    CatchUp watch = SequencePairs.watch(pair, tables);

    SequenceOutcome before = SequenceComparison.compare(pair, SequenceScope.ownedBy(tables), watch);

    SequenceResult orders = result(before, "orders_id_seq");
    assertThat(orders.status()).isEqualTo(SequenceStatus.BEHIND_COLUMN_MAX);
    assertThat(orders.primaryValue()).isEqualTo(50L);
    assertThat(orders.replicaValue()).isNull();
    assertThat(orders.replicaColumnMax()).isEqualTo(50L);
    assertThat(orders.ownerTable()).isEqualTo(new TableRef(schema, "orders"));
    // its rows were deleted: only the primary's value shows the subscriber is behind
    SequenceResult emptied = result(before, "emptied_id_seq");
    assertThat(emptied.status()).isEqualTo(SequenceStatus.REPLICA_BEHIND);
    assertThat(emptied.replicaColumnMax()).isNull();
    assertThat(emptied.primaryValue()).isEqualTo(5L);
    assertThat(before.findings()).isEmpty();

    List<String> repair = SequenceRepair.lines(before.results());
    assertThat(repair)
        .filteredOn(line -> !line.startsWith("--"))
        .containsExactly(
            "SELECT pg_catalog.setval('\""
                + schema
                + "\".\"emptied_id_seq\"'::pg_catalog.regclass, GREATEST(5, pg_catalog.pg_sequence_last_value('\""
                + schema
                + "\".\"emptied_id_seq\"'::pg_catalog.regclass)), true);",
            "SELECT pg_catalog.setval('\""
                + schema
                + "\".\"orders_id_seq\"'::pg_catalog.regclass, GREATEST(50, pg_catalog.pg_sequence_last_value('\""
                + schema
                + "\".\"orders_id_seq\"'::pg_catalog.regclass)), true);");
    TestServers.exec(servers.replica(), String.join("\n", repair));

    SequenceOutcome after = SequenceComparison.compare(pair, SequenceScope.ownedBy(tables), watch);
    assertThat(after.divergent()).isEmpty();
    assertThat(after.results())
        .extracting(SequenceResult::status)
        .containsOnly(SequenceStatus.SAME);
    servers.awaitCaughtUp(publication, GENEROUS);
  }
}
