package io.pgparity.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.job.RunOutcome;
import io.pgparity.testing.PhysicalStandby;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A physical standby falls behind while its primary takes writes. While it is a hot standby in
 * recovery, repair refuses it with the remedy. After the failover (the standby promoted, the old
 * primary still holding the writes it never shipped), verify the new primary against the old one
 * and repair with --target primary: the lost writes go back to the new primary, and verify again is
 * CONSISTENT.
 */
class RepairFailoverIntegrationTests {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String TABLE = "public.orders";

  @TempDir Path out;

  @Test
  void aHotStandbyIsRefusedAndAfterAFailoverTheLostWritesGoBackToTheNewPrimary() {
    try (PhysicalStandby servers = PhysicalStandby.startOrSkip()) {
      DataSource oldPrimary = servers.primary();
      TestServers.exec(
          oldPrimary,
          "CREATE TABLE "
              + TABLE
              + " (id bigint PRIMARY KEY, customer text,"
              + " amount numeric(12,2), tags text[], payload jsonb, placed timestamptz, photo bytea);"
              + "INSERT INTO "
              + TABLE
              + " SELECT g, 'customer ''' || g || E'''\\n', g * 1.5, ARRAY['a', NULL, 'b,' || g],"
              + " jsonb_build_object('n', g, 'f', g / 3.0), timestamptz '2026-01-01 00:00:00+00' + g * interval '1 hour',"
              + " decode(lpad(to_hex(g), 4, '0'), 'hex') FROM generate_series(1, 200) g");
      servers.awaitReplayed(TIMEOUT);
      servers.disconnect();
      // the writes the standby never receives
      TestServers.exec(
          oldPrimary,
          "INSERT INTO "
              + TABLE
              + " SELECT g, 'late ' || g, 'NaN', '{}', 'null', 'infinity', ''"
              + " FROM generate_series(201, 210) g;"
              + "UPDATE "
              + TABLE
              + " SET amount = amount + 0.01, tags = tags || 'late'::text, payload = NULL WHERE id % 20 = 0;"
              + "DELETE FROM "
              + TABLE
              + " WHERE id IN (3, 4, 5)");
      String before = fingerprint(servers.standby());

      RunOutcome behind =
          RepairRuns.verify(
              servers.primaryUrl(), servers.standbyUrl(), out, List.of(TABLE), true, false);
      assertThat(behind.status()).as(behind.verdict()).isEqualTo(Status.DIVERGENT);
      RepairRuns.Result refused = RepairRuns.repair(behind.runFolder().toString(), "--apply");
      assertThat(refused.code()).isEqualTo(2);
      assertThat(refused.err())
          .contains(
              "the replica",
              "is a hot standby in recovery",
              "Re-clone it from the primary",
              "--target primary");
      assertThat(fingerprint(servers.standby())).isEqualTo(before);

      servers.promote();
      // after the failover the promoted standby is the primary; the old primary holds the lost
      // writes
      RunOutcome failedOver =
          RepairRuns.verify(
              servers.standbyUrl(), servers.primaryUrl(), out, List.of(TABLE), false, false);
      assertThat(failedOver.status()).as(failedOver.verdict()).isEqualTo(Status.DIVERGENT);
      RepairRuns.Result built =
          RepairRuns.repair(failedOver.runFolder().toString(), "--target", "primary");
      assertThat(built.code()).as(built.err()).isZero();
      assertThat(built.line())
          .contains("for the primary: 23 statements (10 INSERT, 10 UPDATE, 3 DELETE)");
      RepairRuns.Result applied = RepairRuns.repair(failedOver.runFolder().toString(), "--apply");
      assertThat(applied.code()).as(applied.err()).isZero();
      assertThat(applied.line()).startsWith("APPLIED: 23 of 23 statements on the primary");

      RunOutcome repaired =
          RepairRuns.verify(
              servers.standbyUrl(), servers.primaryUrl(), out, List.of(TABLE), false, false);
      assertThat(repaired.status()).as(repaired.verdict()).isEqualTo(Status.CONSISTENT);
      assertThat(fingerprint(servers.standby())).isEqualTo(fingerprint(oldPrimary));
    }
  }

  private static String fingerprint(DataSource dataSource) {
    String sql =
        "SELECT count(*) || ' ' || md5(string_agg(t::text, '|' ORDER BY id)) FROM " + TABLE + " t";
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }
}
