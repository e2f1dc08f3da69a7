package io.pgparity.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.connect.ServerPool;
import io.pgparity.connect.Side;
import io.pgparity.testing.PhysicalStandby;
import io.pgparity.testing.TestServers;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit against a physical streaming standby made with pg_basebackup. */
class AuditStandbyIntegrationTests {

  private static PhysicalStandby standby;

  @BeforeAll
  static void startStandby() {
    standby = PhysicalStandby.startOrSkip();
  }

  @AfterAll
  static void stopStandby() {
    if (standby != null) {
      standby.close();
    }
  }

  @Test
  void hotStandbyFeedbackOtherThanExpectedIsAFindingAndTheStandbyIsSeenStreaming() {
    // the test standby runs with -c hot_standby_feedback=on, which neither ALTER SYSTEM nor (on a
    // read-only standby) ALTER DATABASE can override: the test expects off instead
    AuditReport report = audit(Map.of("hot_standby_feedback", "off", "hot_standby", "on"));

    assertThat(report.replicaSettings().get("hot_standby_feedback").setting()).isEqualTo("on");
    assertThat(report.findings(FindingKind.UNEXPECTED_SETTING))
        .filteredOn(f -> f.side().equals("replica"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.subject()).isEqualTo("hot_standby_feedback");
              assertThat(f.expected()).isEqualTo("off");
              assertThat(f.actual()).isEqualTo("on");
            });
    assertThat(report.replication().replicaInRecovery()).isTrue();
    assertThat(report.replication().receiverStatus()).isEqualTo("streaming");
    assertThat(report.replication().senders())
        .anySatisfy(s -> assertThat(s.state()).isEqualTo("streaming"));
    assertThat(report.replication().slots())
        .anySatisfy(
            s -> {
              assertThat(s.type()).isEqualTo("physical");
              assertThat(s.active()).isTrue();
            });
    assertThat(report.findings(FindingKind.STANDBY_NOT_STREAMING)).isEmpty();
    assertThat(report.findings(FindingKind.SETTINGS_DISAGREE)).isEmpty();
  }

  @Test
  void aStandbyCutOffFromThePrimaryIsNotStreamingAndItsSlotRetainsWal() {
    standby.disconnect();
    try {
      // WAL written while no one reads the slot: the switch makes it written, not just inserted
      TestServers.exec(
          standby.primary(), "CREATE TABLE audit_wal_probe (id int); SELECT pg_switch_wal()");

      AuditReport report = audit(Map.of());

      assertThat(report.findings(FindingKind.STANDBY_NOT_STREAMING))
          .singleElement()
          .satisfies(f -> assertThat(f.actual()).isNotEqualTo("streaming"));
      assertThat(report.findings(FindingKind.INACTIVE_SLOT))
          .singleElement()
          .satisfies(f -> assertThat(f.message()).contains("physical slot").contains("retains"));
    } finally {
      standby.reconnect();
    }
  }

  private static AuditReport audit(Map<String, String> expected) {
    try (ServerPool p =
            ServerPool.open(
                Side.PRIMARY, new ConnectionSpec(standby.primaryUrl(), null), Tuning.defaults());
        ServerPool r =
            ServerPool.open(
                Side.REPLICA, new ConnectionSpec(standby.standbyUrl(), null), Tuning.defaults())) {
      return Auditor.audit(p, r, expected);
    }
  }
}
