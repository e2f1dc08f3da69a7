package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.hashing.RowHashSql;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keyless table has no index on its row hash, so every range predicate is a full scan; the diff
 * must read each side a fixed number of times whatever the number of mismatched ranges. Counted
 * with pg_stat_user_tables.seq_scan. {@code -Dkeyless.rows=1000000} measures at 1M rows against a
 * bare hash pass (times printed).
 */
class KeylessScansIntegrationTests {

  @TempDir Path out;

  @Test
  void aFewDivergentRowsCostAFixedNumberOfScansPerSide() {
    int rows = Integer.getInteger("keyless.rows", 200_000);
    EmbeddedPair pair = TestServers.pair();
    String schema = TestServers.uniqueSchema("keyless_scans");
    String table = schema + ".big";
    pair.execBoth(
        "CREATE TABLE "
            + table
            + " (a int, b text, c numeric, d timestamptz);"
            + " INSERT INTO "
            + table
            + " SELECT g % 1000, md5(g::text), g / 3.0,"
            + " timestamptz '2024-01-01' + g * interval '1 second' FROM generate_series(1, "
            + rows
            + ") g; ANALYZE "
            + table);
    // 10 divergent rows in 10 ranges: 4 changed (a missing and an extra each), 2 surplus copies
    TestServers.exec(
        pair.replica(),
        "UPDATE "
            + table
            + " SET b = 'changed' WHERE a = 7 AND c < 1334;"
            + " INSERT INTO "
            + table
            + " SELECT * FROM "
            + table
            + " WHERE c IN (100, 200)");
    long hashMillis = bareHashMillis(pair.primary(), table) + bareHashMillis(pair.replica(), table);
    pauseForStatistics();
    long[] before = {seqScans(pair.primary(), table), seqScans(pair.replica(), table)};
    long started = System.nanoTime();
    RunOutcome outcome =
        new SpringVerifyLauncher()
            .launch(
                new JobDefinition(
                    "scans",
                    new ConnectionSpec(pair.primaryUrl(), null),
                    new ConnectionSpec(pair.replicaUrl(), null),
                    List.of(TableSpec.of(TableRef.parse(table))),
                    new Tuning(1, 10_000, 10_000, Duration.ofMinutes(5), Duration.ofSeconds(5)),
                    out,
                    null));
    long verifyMillis = (System.nanoTime() - started) / 1_000_000;
    pauseForStatistics();
    long primaryScans = seqScans(pair.primary(), table) - before[0];
    long replicaScans = seqScans(pair.replica(), table) - before[1];
    System.out.printf(
        "keyless %d rows: verify %d ms (%s), bare hash pass of both sides %d ms;"
            + " seq scans primary %d, replica %d%n",
        rows, verifyMillis, outcome.verdict(), hashMillis, primaryScans, replicaScans);
    assertThat(outcome.status()).as(outcome.verdict()).isEqualTo(Status.DIVERGENT);
    assertThat(outcome.verdict()).contains("10 divergent rows");
    // hash pass 1, diff pass 1, the suspects' rows 1 (twice on the primary: read before and after
    // the replica); never one per range
    assertThat(primaryScans).isLessThanOrEqualTo(4);
    assertThat(replicaScans).isLessThanOrEqualTo(3);
  }

  private static long bareHashMillis(DataSource side, String table) {
    List<ColumnInfo> columns =
        List.of(
            new ColumnInfo("a", "integer", "int4", "pg_catalog", 'N', 'b', false),
            new ColumnInfo("b", "text", "text", "pg_catalog", 'S', 'b', false),
            new ColumnInfo("c", "numeric", "numeric", "pg_catalog", 'N', 'b', false),
            new ColumnInfo(
                "d", "timestamp with time zone", "timestamptz", "pg_catalog", 'D', 'b', false));
    long started = System.nanoTime();
    TestServers.query(
        side, "SELECT count(*) || ' ' || sum(" + RowHashSql.rowHash(columns) + ") FROM " + table);
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** Backends flush their table statistics at most once a second and when they close. */
  private static void pauseForStatistics() {
    try {
      Thread.sleep(1_500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static long seqScans(DataSource side, String table) {
    return Long.parseLong(
        TestServers.query(
            side,
            "SELECT seq_scan FROM pg_stat_user_tables WHERE relid = '" + table + "'::regclass"));
  }
}
