package io.pgparity.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.report.RunResult;
import io.pgparity.report.SummaryJson;
import io.pgparity.report.SummaryJsonWriter;
import io.pgparity.verdict.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastSuccessTests {

  @TempDir Path job;

  /**
   * A run folder with the summary.json the real writer writes for a {@code status} run ending then.
   */
  private void run(String runId, Status status, String finishedAt) throws IOException {
    Path folder = Files.createDirectories(job.resolve(runId));
    Instant finished = Instant.parse(finishedAt);
    RunResult base = MetricsFixtures.run(status);
    RunResult result =
        new RunResult(
            new RunResult.Identity("test", "auth", runId),
            folder,
            status,
            finished.minusSeconds(60),
            finished,
            base.servers(),
            base.tables(),
            base.replication(),
            base.sharding(),
            null,
            null);
    new SummaryJsonWriter().write(result, folder.resolve(SummaryJson.FILE_NAME));
  }

  @Test
  void theNewestRunThatJudgedEveryRow() throws IOException {
    run("20261123T120000Z-aaaa", Status.CONSISTENT, "2026-11-23T12:01:00Z");
    run("20261124T120000Z-bbbb", Status.DIVERGENT, "2026-11-24T12:01:00Z");
    run("20261125T120000Z-cccc", Status.FAILED, "2026-11-25T12:01:00Z");
    run("20261125T130000Z-dddd", Status.INCOMPLETE, "2026-11-25T13:01:00Z");
    // a run still going, or one that died before summary.json
    Files.createDirectories(job.resolve("20261126T120000Z-eeee"));
    Files.createDirectories(job.resolve(".jobrepository"));

    assertThat(LastSuccess.find(job)).contains(Instant.parse("2026-11-24T12:01:00Z"));
  }

  @Test
  void noneWithoutASuccessfulRunOrAFolder() throws IOException {
    assertThat(LastSuccess.find(job.resolve("never-ran"))).isEmpty();
    run("20261125T120000Z-cccc", Status.FAILED, "2026-11-25T12:01:00Z");
    Files.writeString(
        Files.createDirectories(job.resolve("20261125T140000Z-ffff")).resolve("summary.json"),
        "{broken");

    assertThat(LastSuccess.find(job)).isEmpty();
  }
}
