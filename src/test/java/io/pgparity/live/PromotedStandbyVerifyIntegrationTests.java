package io.pgparity.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import io.pgparity.testing.LoadSchema;
import io.pgparity.testing.PhysicalStandby;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * After a failover: the writes the old primary took once its standby was cut off, and that the
 * promoted standby therefore never got, are exactly the divergent rows, with the right kinds; a
 * promoted standby no longer follows the primary, so the run does not wait for it.
 */
class PromotedStandbyVerifyIntegrationTests {

  private static final Duration GENEROUS = Duration.ofSeconds(120);
  private static final int SEEDED = 1_000;

  @TempDir Path out;

  @Test
  void theWritesThePromotedStandbyNeverGotAreExactlyTheDivergentRows() {
    // promotion cannot be undone: a pair of its own
    try (PhysicalStandby servers = PhysicalStandby.startOrSkip()) {
      String schema = "failover";
      LoadSchema.create(servers.primary(), schema);
      LoadSchema.seed(servers.primary(), schema, SEEDED);
      TableRef users = LoadSchema.users(schema);
      TableRef sessions = LoadSchema.sessions(schema);
      servers.awaitReplayed(GENEROUS);
      servers.disconnect();
      Map<String, String> expected = writeAfterTheCut(servers, users);
      servers.promote();

      StandbyRun run =
          StandbyRun.launch(
              servers.primaryUrl(),
              servers.standbyUrl(),
              out,
              List.of(users, sessions),
              100,
              StandbyRun.live(Duration.ofSeconds(30), 0, 3, Duration.ofMillis(200)));

      assertThat(run.outcome().status()).as("%s", run.summary()).isEqualTo(Status.DIVERGENT);
      assertThat(run.exitCode()).isEqualTo(1);
      Map<String, String> reported = new HashMap<>();
      for (JsonNode row : run.divergences()) {
        assertThat(row.get("table").asText()).isEqualTo(users.toString());
        String previous = reported.put(row.get("key").get("id").asText(), row.get("kind").asText());
        assertThat(previous).as("reported twice: %s", row).isNull();
        if (row.get("kind").asText().equals("CHANGED")) {
          assertThat(row.get("columns").values())
              .extracting(JsonNode::asText)
              .containsExactly("name");
        }
      }
      assertThat(reported).isEqualTo(expected);
      JsonNode usersResult = run.table(users);
      assertThat(usersResult.get("status").asText()).isEqualTo("DIVERGENT");
      assertThat(usersResult.get("missingOnReplica").asLong()).isEqualTo(7);
      assertThat(usersResult.get("changed").asLong()).isEqualTo(5);
      assertThat(usersResult.get("extraOnReplica").asLong()).isEqualTo(3);
      assertThat(usersResult.get("rowsPrimary").asLong()).isEqualTo(SEEDED + 7 - 3);
      assertThat(usersResult.get("rowsReplica").asLong()).isEqualTo(SEEDED);
      assertThat(run.table(sessions).get("status").asText()).isEqualTo("CONSISTENT");
      assertThat(run.totals().get("divergentRows").asLong()).isEqualTo(15);
      assertThat(run.totals().get("convergedRows").asLong()).isZero();
      assertThat(run.totals().get("unstableRows").asLong()).isZero();

      // ReplicaWatch.waits() is false for a replica that does not follow the primary
      JsonNode replication = run.replication();
      assertThat(replication.get("kind").asText()).isEqualTo("PROMOTED");
      assertThat(replication.get("lagAware").asBoolean()).isFalse();
      assertThat(replication.get("waits").asLong()).isZero();
      assertThat(replication.get("lagPauses").asLong()).isZero();
      assertThat(run.report())
          .contains("(PROMOTED)")
          .contains("Not lag-aware")
          .doesNotContain("Lag-aware:")
          .doesNotContain("it was behind")
          .doesNotContain("Paused");
    }
  }

  /**
   * 7 inserts, 5 updates and 3 deletes of users on the primary alone; their ids and expected kinds.
   */
  private static Map<String, String> writeAfterTheCut(PhysicalStandby servers, TableRef users) {
    String table = SqlIdentifier.quote(users);
    Map<String, String> expected = new HashMap<>();
    List<String> inserted = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      inserted.add(Integer.toString(SEEDED + i * 10));
    }
    List<String> updated = List.of("11", "222", "433", "644", "855");
    List<String> deleted = List.of("100", "500", "999");
    LivePair.exec(
        servers.primary(),
        "INSERT INTO "
            + table
            + " (id, email, name, score) SELECT g, 'late' || g || '@example.com',"
            + " 'Late ' || g, 1 FROM unnest('{"
            + String.join(",", inserted)
            + "}'::bigint[]) g");
    LivePair.exec(
        servers.primary(),
        "UPDATE "
            + table
            + " SET name = 'renamed after the cut'"
            + " WHERE id = ANY('{"
            + String.join(",", updated)
            + "}'::bigint[])");
    LivePair.exec(
        servers.primary(),
        "DELETE FROM "
            + table
            + " WHERE id = ANY('{"
            + String.join(",", deleted)
            + "}'::bigint[])");
    inserted.forEach(id -> expected.put(id, "MISSING_ON_REPLICA"));
    updated.forEach(id -> expected.put(id, "CHANGED"));
    deleted.forEach(id -> expected.put(id, "EXTRA_ON_REPLICA"));
    return expected;
  }
}
