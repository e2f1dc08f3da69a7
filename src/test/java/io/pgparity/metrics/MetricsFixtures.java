package io.pgparity.metrics;

import io.pgparity.connect.Both;
import io.pgparity.report.ReplicationSummary;
import io.pgparity.report.RunResult;
import io.pgparity.report.TableResult;
import io.pgparity.table.TableRef;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A fixed run of two tables, one divergent with rechecked rows, on a physical standby. */
final class MetricsFixtures {

  static final Instant STARTED = Instant.parse("2026-11-25T12:00:00Z");
  static final Instant FINISHED = Instant.parse("2026-11-25T12:00:12.5Z");

  private MetricsFixtures() {}

  static RunResult run(Status status) {
    List<TableResult> tables =
        List.of(
            new TableResult(
                new TableRef("public", "users"),
                List.of("id"),
                List.of("id", "email"),
                new TableResult.Rows(200_000, 199_995, 64),
                new TableResult.Differences(5, 2, 3),
                List.of(),
                Status.DIVERGENT,
                3.2,
                null,
                new TableResult.Rechecks(12, 4),
                null),
            new TableResult(
                new TableRef("audit", "log_entries"),
                List.of("tenant", "seq"),
                List.of("tenant", "seq"),
                new TableResult.Rows(150_000, 150_000, 32),
                TableResult.Differences.NONE,
                List.of(),
                Status.CONSISTENT,
                2.0,
                null,
                TableResult.Rechecks.NONE,
                null));
    return new RunResult(
        new RunResult.Identity("0.1.0", "auth", "20261125T120000Z-1a2b"),
        Path.of("reports/auth/20261125T120000Z-1a2b"),
        status,
        STARTED,
        FINISHED,
        new Both<>(null, null),
        tables,
        new ReplicationSummary(
            "PHYSICAL_STANDBY",
            "physical standby",
            "streaming",
            true,
            3,
            Duration.ofMillis(850),
            Duration.ofMillis(1_200),
            81_920,
            1,
            Duration.ofSeconds(4),
            Duration.ZERO,
            2),
        RunResult.Sharding.NONE,
        null,
        null);
  }
}
