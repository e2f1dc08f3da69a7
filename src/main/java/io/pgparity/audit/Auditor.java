package io.pgparity.audit;

import io.pgparity.audit.ReplicationState.Slot;
import io.pgparity.audit.ReplicationState.Subscription;
import io.pgparity.connect.ServerPool;
import io.pgparity.failure.CompareException;
import io.pgparity.table.SqlIdentifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads both servers and turns what it read into findings; it only reads. */
public final class Auditor {

  private static final Logger log = LoggerFactory.getLogger(Auditor.class);

  private Auditor() {}

  /** Audits the pair against the job's {@code expected} settings (name to value). */
  public static AuditReport audit(
      ServerPool primary, ServerPool replica, Map<String, String> expected) {
    long started = System.nanoTime();
    Map<String, SettingValue> primarySettings;
    Map<String, SettingValue> replicaSettings;
    ReplicationState state;
    List<String> unread = new ArrayList<>();
    try (Connection p = primary.connection();
        Connection r = replica.connection()) {
      primarySettings = AuditReader.settings(p);
      replicaSettings = AuditReader.settings(r);
      boolean inRecovery = AuditReader.inRecovery(r);
      state =
          new ReplicationState(
              AuditReader.senders(p),
              AuditReader.slots(p),
              inRecovery,
              inRecovery ? AuditReader.receiverStatus(r) : null,
              inRecovery ? List.of() : AuditReader.subscriptions(r));
      hidden(AuditReader.roleWithoutStats(p), AuditReader.roleWithoutStats(r), state, unread);
      p.rollback();
      r.rollback();
    } catch (SQLException e) {
      throw new CompareException(
          "audit: reading pg_settings and the replication views failed: "
              + e.getMessage()
              + "; the audit role needs pg_monitor (or pg_read_all_stats and pg_read_all_settings)",
          e);
    }
    List<Finding> findings = new ArrayList<>();
    expectations(expected, "primary", primarySettings, findings);
    expectations(expected, "replica", replicaSettings, findings);
    agreement(primarySettings, replicaSettings, state.replicaInRecovery(), findings);
    replication(state, findings);
    log.info(
        "Audit: {} finding(s) in {} ms",
        findings.size(),
        (System.nanoTime() - started) / 1_000_000);
    return new AuditReport(expected, primarySettings, replicaSettings, state, findings, unread);
  }

  /**
   * What a role without pg_monitor could not see, where it matters, with the grant that fixes it.
   */
  private static void hidden(
      String primaryRole, String replicaRole, ReplicationState state, List<String> unread) {
    if (primaryRole != null && !state.senders().isEmpty()) {
      unread.add(
          "pg_stat_replication's state, sync state and lags are hidden from role "
              + primaryRole
              + " on the primary; GRANT pg_monitor TO "
              + SqlIdentifier.quote(primaryRole)
              + " on the primary");
    }
    if (ReplicationState.HIDDEN.equals(state.receiverStatus())) {
      unread.add(
          "pg_stat_wal_receiver's status is hidden from role "
              + replicaRole
              + " on the standby, so"
              + " streaming was not checked; GRANT pg_monitor TO "
              + SqlIdentifier.quote(replicaRole)
              + " on the primary (the standby replays the grant)");
    }
  }

  private static void expectations(
      Map<String, String> expected,
      String side,
      Map<String, SettingValue> settings,
      List<Finding> findings) {
    expected.forEach(
        (name, want) -> {
          SettingValue actual = settings.get(name);
          if (actual == null) {
            findings.add(
                new Finding(
                    FindingKind.UNEXPECTED_SETTING,
                    side,
                    name,
                    want,
                    "",
                    name
                        + " is expected to be "
                        + want
                        + " but the "
                        + side
                        + " has no such setting (older PostgreSQL?)"));
          } else if (!actual.matches(want)) {
            findings.add(
                new Finding(
                    FindingKind.UNEXPECTED_SETTING,
                    side,
                    name,
                    want,
                    actual.shown(),
                    name
                        + " is "
                        + actual.shown()
                        + " on the "
                        + side
                        + " but the job expects "
                        + want
                        + "; set it with ALTER SYSTEM SET "
                        + name
                        + " = '"
                        + want
                        + "' and SELECT pg_reload_conf()"
                        + " (some settings need a restart), or change expect:"));
          }
        });
  }

  private static void agreement(
      Map<String, SettingValue> primary,
      Map<String, SettingValue> replica,
      boolean standby,
      List<Finding> findings) {
    for (String name : SettingRules.EQUAL) {
      SettingValue p = primary.get(name);
      SettingValue r = replica.get(name);
      if (p != null && r != null && !r.matches(p.setting())) {
        findings.add(
            new Finding(
                FindingKind.SETTINGS_DISAGREE,
                "both",
                name,
                p.shown(),
                r.shown(),
                name
                    + " is "
                    + p.shown()
                    + " on the primary but "
                    + r.shown()
                    + " on the replica; they must agree"));
      }
    }
    if (!standby) {
      return;
    }
    for (String name : SettingRules.STANDBY_AT_LEAST) {
      SettingValue p = primary.get(name);
      SettingValue r = replica.get(name);
      if (p != null
          && r != null
          && p.number() != null
          && r.number() != null
          && r.number() < p.number()) {
        findings.add(
            new Finding(
                FindingKind.SETTINGS_DISAGREE,
                "replica",
                name,
                ">= " + p.shown(),
                r.shown(),
                name
                    + " is "
                    + r.shown()
                    + " on the standby, below the primary's "
                    + p.shown()
                    + "; a hot standby needs at least the primary's value or it stops replaying"));
      }
    }
  }

  private static void replication(ReplicationState state, List<Finding> findings) {
    for (Slot slot : state.slots()) {
      if (!slot.active() && slot.retainedBytes() != null && slot.retainedBytes() > 0) {
        findings.add(
            new Finding(
                FindingKind.INACTIVE_SLOT,
                "primary",
                slot.name(),
                "active",
                "inactive",
                slot.type()
                    + " slot "
                    + slot.name()
                    + " is inactive and retains "
                    + slot.retainedBytes()
                    + " bytes of WAL; reconnect its consumer or drop it with pg_drop_replication_slot"));
      }
    }
    for (Subscription subscription : state.subscriptions()) {
      if (!subscription.enabled()) {
        findings.add(
            new Finding(
                FindingKind.SUBSCRIPTION_DISABLED,
                "replica",
                subscription.name(),
                "enabled",
                "disabled",
                "subscription "
                    + subscription.name()
                    + " is disabled, so the replica stopped following"
                    + " the primary; ALTER SUBSCRIPTION "
                    + SqlIdentifier.quote(subscription.name())
                    + " ENABLE"));
      }
    }
    // a status hidden from the role is unknown, not a problem: it is listed as not read instead
    if (state.replicaInRecovery()
        && !"streaming".equals(state.receiverStatus())
        && !ReplicationState.HIDDEN.equals(state.receiverStatus())) {
      String status = state.receiverStatus() == null ? "no WAL receiver" : state.receiverStatus();
      findings.add(
          new Finding(
              FindingKind.STANDBY_NOT_STREAMING,
              "replica",
              "wal_receiver",
              "streaming",
              status,
              "the replica is in recovery but not streaming from the primary ("
                  + status
                  + "); check primary_conninfo and the primary's pg_hba.conf"));
    }
  }
}
