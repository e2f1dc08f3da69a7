package io.pgparity.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.Shard;
import io.pgparity.verdict.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;

/** summary.json and job.json read back through the schema they are written from. */
class SummaryJsonTests {

  @TempDir Path dir;

  @Test
  void aSummaryReadsBackAsTheSchemaItWasWrittenFrom() {
    RunResult base = ReportFixtures.run();
    RunResult sharded =
        new RunResult(
            base.run(),
            base.runFolder(),
            base.status(),
            base.startedAt(),
            base.finishedAt(),
            base.servers(),
            base.tables(),
            base.replication(),
            RunResult.Sharding.of(new Shard(1, 3)),
            new Resumption("20261125T110000Z-0f0f", 7, 112),
            AuditSectionTests.withFindings());
    Path file = dir.resolve(SummaryJson.FILE_NAME);
    new SummaryJsonWriter().write(sharded, file);

    SummaryJson read = SummaryJson.read(file);

    SummaryJson written = SummaryJson.of(sharded);
    // audit.json's tree holds longs that read back as ints: the same JSON, other node classes
    assertThat(read).usingRecursiveComparison().ignoringFields("audit").isEqualTo(written);
    assertThat(read.audit().toString()).isEqualTo(written.audit().toString());
    assertThat(read.resumed().reusedHashPartitions()).isEqualTo(7);
    assertThat(read.tables().get(0).differences().missingOnReplica()).isEqualTo(5);
    RunResult result = read.result(dir, new Shard(1, 3));
    assertThat(result.tables())
        .extracting(TableResult::table)
        .isEqualTo(base.tables().stream().map(TableResult::table).toList());
    assertThat(result.replication()).isEqualTo(base.replication());
    assertThat(result.tables().get(0).seconds()).isEqualTo(3.21);
    assertThat(result.divergentRows()).isEqualTo(base.divergentRows());
  }

  @Test
  void aSummaryThatIsNeitherShardedNorResumedReadsBackWithoutThem() {
    TableResult failed =
        new TableResult(
            ReportFixtures.ORDERS,
            List.of("id"),
            List.of(),
            TableResult.Rows.NONE,
            TableResult.Differences.NONE,
            List.of(),
            Status.FAILED,
            Double.NaN,
            "public.orders: permission denied",
            TableResult.Rechecks.NONE,
            null);
    RunResult run = ReportFixtures.run(Status.FAILED, List.of(failed));
    Path file = dir.resolve(SummaryJson.FILE_NAME);
    new SummaryJsonWriter().write(run, file);

    SummaryJson read = SummaryJson.read(file);

    assertThat(read.resumed()).isNull();
    assertThat(read.shard()).isNull();
    assertThat(read.shards()).isEmpty();
    assertThat(read.tables().get(0).seconds()).isNull();
    assertThat(read.result(dir, null).tables().get(0).seconds()).isNaN();
    assertThat(SummaryJson.of(read.result(dir, null))).isEqualTo(read);
  }

  @Test
  void aDamagedSummarySaysWhatIsMissing() throws Exception {
    Path file = dir.resolve(SummaryJson.FILE_NAME);
    Files.writeString(
        file,
        "{\"tool\": \"pgparity\", \"job\": \"auth\", \"runId\": \"r\", \"status\": \"CONSISTENT\","
            + " \"startedAt\": \"2026-11-25T12:00:00Z\", \"finishedAt\": \"2026-11-25T12:00:01Z\"}");
    assertThatThrownBy(() -> SummaryJson.read(file)).hasMessageContaining("no tables");

    Files.writeString(file, "{\"status\": \"MAYBE\"}");
    assertThatThrownBy(() -> SummaryJson.read(file))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("MAYBE");
  }

  @Test
  void aShardsJobJsonReadsBackAndLosesOnlyItsShard() {
    JobJson job =
        new JobJson(
            "auth",
            new JobJson.Connection("jdbc:postgresql://db1/app?user=u&password=***"),
            new JobJson.Connection("jdbc:postgresql://db2/app?password=***"),
            List.of(
                new JobJson.Table(
                    "public.users",
                    List.of("id"),
                    List.of(),
                    List.of(),
                    null,
                    "updated_at",
                    300L,
                    List.of("email"))),
            new JobJson.Tuning(2, 1000, 10, true, 3),
            new Shard(0, 2));
    JobJsonWriter.write(job, dir);

    JobJson read = JobJson.read(dir.resolve(JobJson.FILE_NAME));

    assertThat(read).isEqualTo(job);
    assertThat(read.withoutShard().shard()).isNull();
    assertThat(read.withoutShard())
        .isEqualTo(
            new JobJson(
                job.name(), job.primary(), job.replica(), job.tables(), job.tuning(), null));
    assertThat(read.primary().connectableUrl()).isEqualTo("jdbc:postgresql://db1/app?user=u");
    assertThat(read.replica().connectableUrl()).isEqualTo("jdbc:postgresql://db2/app");
  }
}
