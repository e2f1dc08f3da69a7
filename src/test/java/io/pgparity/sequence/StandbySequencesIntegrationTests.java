package io.pgparity.sequence;

import static io.pgparity.sequence.SequenceComparisonIntegrationTests.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.connect.ServerPair;
import io.pgparity.live.CatchUp;
import io.pgparity.table.TableRef;
import io.pgparity.testing.PhysicalStandby;
import io.pgparity.testing.TestServers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A physical standby replays nextval's WAL record, logged up to 32 calls ahead: read after the
 * catch-up wait it is never behind. Read without the wait while its replay is paused it is: the
 * wait is what keeps a lagging standby from a false REPLICA_BEHIND.
 */
class StandbySequencesIntegrationTests {

  private static final Duration GENEROUS = Duration.ofSeconds(120);

  private static PhysicalStandby servers;
  private static ServerPair pair;

  @BeforeAll
  static void start() {
    servers = PhysicalStandby.startOrSkip();
    pair = SequencePairs.open(servers.primaryUrl(), servers.standbyUrl());
  }

  @AfterAll
  static void stop() {
    if (pair != null) {
      pair.close();
    }
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void afterNextvalCallsAStandbyReadAfterTheWaitIsNotDivergent() {
    TestServers.exec(
        servers.primary(),
        "CREATE SCHEMA standby_seq; CREATE TABLE standby_seq.orders (id serial PRIMARY KEY);"
            + "CREATE SEQUENCE standby_seq.loose; CREATE SEQUENCE standby_seq.down INCREMENT -1;");
    List<TableRef> tables = List.of(new TableRef("standby_seq", "orders"));
    servers.awaitReplayed(GENEROUS);
    CatchUp watch = SequencePairs.watch(pair, tables);
    SequenceScope scope = SequenceScope.ownedByOrIn(tables, List.of("standby_seq"));
    for (int round = 1; round <= 3; round++) {
      TestServers.exec(
          servers.primary(),
          "INSERT INTO standby_seq.orders SELECT FROM generate_series(1, 45);"
              + "SELECT nextval('standby_seq.loose') FROM generate_series(1, 7);"
              + "SELECT nextval('standby_seq.down') FROM generate_series(1, 3)");

      SequenceOutcome outcome = SequenceComparison.compare(pair, scope, watch);

      assertThat(outcome.results()).as("round %s", round).hasSize(3);
      assertThat(outcome.divergent()).as("round %s: %s", round, outcome.results()).isEmpty();
      assertThat(outcome.findings()).isEmpty();
      SequenceResult orders = result(outcome, "orders_id_seq");
      assertThat(orders.primaryValue()).isEqualTo(45L * round);
      assertThat(orders.replicaColumnMax()).isEqualTo(45L * round);
      // the standby shows what the primary logged ahead, not what it handed out
      assertThat(orders.replicaValue()).isGreaterThanOrEqualTo(45L * round);
      assertThat(result(outcome, "loose").status()).isEqualTo(SequenceStatus.REPLICA_AHEAD);
      assertThat(result(outcome, "down").replicaValue()).isLessThanOrEqualTo(-3L * round);
    }
  }

  @Test
  void aStandbyThatHasNotReplayedIsBehindWhenNotWaitedFor() {
    TestServers.exec(servers.primary(), "CREATE SEQUENCE public.lagging");
    servers.awaitReplayed(GENEROUS);
    servers.pauseReplay();
    try {
      TestServers.exec(
          servers.primary(), "SELECT nextval('public.lagging') FROM generate_series(1, 100)");

      SequenceOutcome outcome =
          SequenceComparison.compare(
              pair, SequenceScope.ownedByOrIn(List.of(), List.of("public")), CatchUp.none());

      assertThat(result(outcome, "lagging").status()).isEqualTo(SequenceStatus.REPLICA_BEHIND);
    } finally {
      servers.resumeReplay();
    }
    servers.awaitReplayed(GENEROUS);
  }
}
