package io.pgparity.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.compare.Divergence;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.compare.RecheckOutcome;
import io.pgparity.compare.RecheckedRow;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.Settle;
import io.pgparity.config.Shard;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.connect.Both;
import io.pgparity.table.TableRef;
import io.pgparity.verdict.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes of every run-folder file report writes, against golden files made by the hand-written
 * writers before the files got one Jackson-bound schema each: users' jq scripts, the shard merge
 * and the evidence manifest (which signs file bytes) depend on them staying the same.
 */
class RunFileBytesTests {

  @TempDir Path dir;

  @Test
  void aShardedResumedSummaryWithAnAuditKeepsItsBytes() throws Exception {
    RunResult base = ReportFixtures.run();
    RunResult sharded =
        new RunResult(
            base.run(),
            base.runFolder(),
            base.status(),
            base.startedAt(),
            base.finishedAt(),
            new Both<>(base.servers().primary(), null),
            base.tables(),
            null,
            RunResult.Sharding.of(new Shard(1, 3)),
            new Resumption("20261125T110000Z-0f0f", 7, 112),
            AuditSectionTests.withFindings());
    Path file = dir.resolve(SummaryJsonWriter.FILE_NAME);

    new SummaryJsonWriter().write(sharded, file);

    String actual = Files.readString(file, UTF_8);
    assertThat(actual).isEqualTo(ReportFixtures.golden("summary-shard.json", actual));
  }

  @Test
  void aMergedSummaryWithAFailedTableKeepsItsBytes() throws Exception {
    RunResult base = ReportFixtures.run();
    TableResult failed =
        new TableResult(
            ReportFixtures.ORDERS,
            List.of("id"),
            List.of(),
            TableResult.Rows.NONE,
            TableResult.Differences.NONE,
            List.of("a \"quoted\" finding\tand a tab"),
            Status.FAILED,
            Double.NaN,
            "public.orders: permission denied",
            TableResult.Rechecks.NONE,
            null);
    RunResult merged =
        new RunResult(
            base.run(),
            base.runFolder(),
            Status.FAILED,
            base.startedAt(),
            base.finishedAt(),
            base.servers(),
            List.of(base.tables().get(0), failed),
            base.replication(),
            RunResult.Sharding.merged(List.of("20261125T120000Z-aaaa", "20261125T120001Z-bbbb")),
            null,
            null);
    Path file = dir.resolve(SummaryJsonWriter.FILE_NAME);

    new SummaryJsonWriter().write(merged, file);

    String actual = Files.readString(file, UTF_8);
    assertThat(actual).isEqualTo(ReportFixtures.golden("summary-merged.json", actual));
  }

  @Test
  void aShardsJobJsonKeepsItsBytes() throws Exception {
    JobDefinition definition =
        new JobDefinition(
                "auth",
                new ConnectionSpec(
                    "jdbc:postgresql://db1:5432/app?user=checker&password=hunter2", "s3cret"),
                new ConnectionSpec("jdbc:postgresql://db2:5432/app?user=checker", null),
                List.of(
                    new TableSpec(
                        TableRef.parse("public.users"),
                        List.of("id"),
                        List.of("id", "email"),
                        List.of(),
                        "id > 0 AND email <> 'caf\u00e9'",
                        null,
                        List.of("email")),
                    new TableSpec(
                        TableRef.parse("public.sessions"),
                        List.of(),
                        List.of(),
                        List.of("note"),
                        null,
                        new Settle("updated_at", Duration.ofMinutes(5)))),
                Tuning.defaults(),
                dir,
                null)
            .withShard(new Shard(2, 4));

    JobJsonWriter.write(definition, dir);

    String actual = Files.readString(dir.resolve(JobJsonWriter.FILE_NAME), UTF_8);
    assertThat(actual).isEqualTo(ReportFixtures.golden("job.json", actual));
  }

  @Test
  void divergenceAndRecheckLinesKeepTheirBytes() throws Exception {
    TableRef users = ReportFixtures.USERS;
    try (DivergenceWriter writer = DivergenceWriter.open(dir)) {
      ReportFixtures.sample().forEach(writer::write);
      writer.write(
          new Divergence(
              users,
              ReportFixtures.row("id", "1\u2028\u2029", "tenant", null),
              DivergenceKind.CHANGED,
              List.of("note"),
              ReportFixtures.row("id", "1\u2028\u2029", "note", "\u0001\"\\/"),
              ReportFixtures.row("id", "1\u2028\u2029", "note", "\uD83D\uDE00")));
      writer.write(
          new RecheckedRow(
              users, ReportFixtures.row("id", "5", "tenant", null), RecheckOutcome.CONVERGED, 2));
      writer.write(
          new RecheckedRow(users, ReportFixtures.row("id", "\u2028"), RecheckOutcome.UNSTABLE, 4));
    }

    String divergences = Files.readString(dir.resolve(DivergenceWriter.JSONL_FILE), UTF_8);
    assertThat(divergences).isEqualTo(ReportFixtures.golden("divergences.jsonl", divergences));
    String csv = Files.readString(dir.resolve(DivergenceWriter.CSV_FILE), UTF_8);
    assertThat(csv).isEqualTo(ReportFixtures.golden("divergences.csv", csv));
    String rechecks = Files.readString(dir.resolve(DivergenceWriter.RECHECKS_FILE), UTF_8);
    assertThat(rechecks).isEqualTo(ReportFixtures.golden("rechecks.jsonl", rechecks));
  }
}
