package io.pgparity.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.cli.AuditCommand;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.connect.ServerPool;
import io.pgparity.connect.Side;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit against the shared logical pair: expected settings, a disabled subscription, the CLI.
 */
class AuditIntegrationTests {

  private static EmbeddedPair servers;
  private static String schema;
  private static String publication;

  /**
   * The embedded servers start with their own synchronous_commit and fsync (off for speed): read,
   * not assumed.
   */
  private static String baselineCommit;

  private static String baselineFsync;

  @BeforeAll
  static void replicateOneTable() {
    servers = TestServers.pair();
    schema = TestServers.uniqueSchema("audit");
    publication = "audit_" + schema;
    servers.execBoth("CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY)");
    servers.replicate(publication, schema + ".items");
    baselineCommit = setting("synchronous_commit");
    baselineFsync = setting("fsync");
  }

  @AfterAll
  static void dropAll() {
    servers.dropReplication(publication);
    TestServers.dropSchema(schema);
  }

  @AfterEach
  void resetReplica() {
    TestServers.exec(
        servers.replica(), "ALTER DATABASE " + replicaDatabase() + " RESET synchronous_commit");
    awaitSetting("synchronous_commit", baselineCommit);
    servers.resumeReplication(publication);
  }

  @Test
  void aReplicaSettingOtherThanExpectedIsAFindingNamingSideSettingAndBothValues() {
    // the embedded servers set synchronous_commit on their command line, which ALTER SYSTEM cannot
    // override; a database default can, for new sessions such as the audit's
    TestServers.exec(
        servers.replica(),
        "ALTER DATABASE " + replicaDatabase() + " SET synchronous_commit = 'remote_write'");
    awaitSetting("synchronous_commit", "remote_write");

    AuditReport report = audit(Map.of("synchronous_commit", baselineCommit));

    assertThat(report.findings(FindingKind.UNEXPECTED_SETTING))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.side()).isEqualTo("replica");
              assertThat(f.subject()).isEqualTo("synchronous_commit");
              assertThat(f.expected()).isEqualTo(baselineCommit);
              assertThat(f.actual()).isEqualTo("remote_write");
            });
  }

  @Test
  void remoteApplyExpectedWhileOtherwiseIsAFindingOnBothSides() {
    AuditReport report = audit(Map.of("synchronous_commit", "remote_apply"));

    assertThat(report.findings(FindingKind.UNEXPECTED_SETTING))
        .extracting(Finding::side, Finding::actual)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("primary", baselineCommit),
            org.assertj.core.groups.Tuple.tuple("replica", baselineCommit));
  }

  @Test
  void matchingExpectationsAndAnEnabledSubscriptionGiveNoFindingAboutThem() {
    // fsync as true/false while the server says on/off: booleans match in any spelling
    String fsync = baselineFsync.equals("on") ? "true" : "false";
    AuditReport report =
        audit(
            Map.of(
                "synchronous_commit",
                baselineCommit,
                "fsync",
                fsync,
                "wal_sender_timeout",
                setting("wal_sender_timeout").equals("1min")
                    ? "60s"
                    : setting("wal_sender_timeout")));

    assertThat(report.findings(FindingKind.UNEXPECTED_SETTING)).isEmpty();
    assertThat(report.findings(FindingKind.SUBSCRIPTION_DISABLED))
        .extracting(Finding::subject)
        .doesNotContain(publication);
    assertThat(report.replication().subscriptions())
        .extracting(ReplicationState.Subscription::name)
        .contains(publication);
    assertThat(report.replication().slots())
        .anySatisfy(
            slot -> {
              assertThat(slot.name()).isEqualTo(publication);
              assertThat(slot.type()).isEqualTo("logical");
            });
    assertThat(report.replication().replicaInRecovery()).isFalse();
  }

  @Test
  void aDisabledSubscriptionIsAFindingAndItsSlotBecomesInactive() {
    servers.pauseReplication(publication);

    AuditReport report = audit(Map.of());

    assertThat(report.findings(FindingKind.SUBSCRIPTION_DISABLED))
        .extracting(Finding::subject)
        .contains(publication);
    assertThat(report.replication().slots())
        .filteredOn(s -> s.name().equals(publication))
        .singleElement()
        .satisfies(s -> assertThat(s.active()).isFalse());
  }

  @Test
  void theCommandPrintsTheVerdictLastWritesAuditJsonAndExitsSixOnFindings(@TempDir Path out)
      throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    AuditCommand command = new AuditCommand(Map.of(), new PasswordResolver(Map.of(), out));

    int code =
        command.run(
            List.of(
                "--primary",
                servers.primaryUrl(),
                "--replica",
                servers.replicaUrl(),
                "--expect",
                "synchronous_commit=remote_apply",
                "--out",
                out.toString()),
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));

    String text = stdout.toString(StandardCharsets.UTF_8);
    assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(code).isEqualTo(6);
    assertThat(text).contains("UNEXPECTED_SETTING replica synchronous_commit");
    assertThat(text.strip().lines().reduce((a, b) -> b).orElseThrow())
        .startsWith("AUDIT FINDINGS: ");
    String json = Files.readString(out.resolve("audit.json"));
    assertThat(json)
        .contains("\"status\" : \"FINDINGS\"")
        .contains("\"subject\" : \"synchronous_commit\"")
        .contains("\"expected\" : \"remote_apply\"");
  }

  private static AuditReport audit(Map<String, String> expected) {
    try (ServerPool p =
            ServerPool.open(
                Side.PRIMARY, new ConnectionSpec(servers.primaryUrl(), null), Tuning.defaults());
        ServerPool r =
            ServerPool.open(
                Side.REPLICA, new ConnectionSpec(servers.replicaUrl(), null), Tuning.defaults())) {
      return Auditor.audit(p, r, expected);
    }
  }

  private static String replicaDatabase() {
    return io.pgparity.table.SqlIdentifier.quote(queryReplica("current_database()"));
  }

  private static String setting(String name) {
    return queryReplica("current_setting('" + name + "')");
  }

  private static String queryReplica(String expression) {
    try (Connection c = servers.replica().getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT " + expression)) {
      rows.next();
      return rows.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits until new replica sessions see the value (a bounded poll, not an assertion). */
  private static void awaitSetting(String name, String value) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try (Connection c = servers.replica().getConnection();
          Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT current_setting('" + name + "')")) {
        rows.next();
        if (rows.getString(1).equals(value)) {
          return;
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " did not become " + value + " on the replica within 60s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
