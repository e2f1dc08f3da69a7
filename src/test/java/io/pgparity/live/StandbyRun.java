package io.pgparity.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.LiveTuning;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.report.DivergenceWriter;
import io.pgparity.table.TableRef;
import io.pgparity.testing.RunFiles;
import io.pgparity.verdict.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One verify run through {@link SpringVerifyLauncher} against a live replica, threads 2, and what
 * it wrote: summary.json, report.md, divergences.jsonl and rechecks.jsonl.
 */
record StandbyRun(
    RunOutcome outcome,
    JsonNode summary,
    String report,
    List<JsonNode> divergences,
    List<JsonNode> rechecks) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Live settings for these tests: lag-aware, no rows-per-second ceiling, 3 retries. */
  static LiveTuning live(Duration maxWait, long maxLagBytes, int rechecks, Duration recheckDelay) {
    return new LiveTuning(true, maxWait, maxLagBytes, rechecks, recheckDelay, 0, 3);
  }

  /** Verifies {@code tables} of the two servers; fails at once if the run left no run folder. */
  static StandbyRun launch(
      String primaryUrl,
      String replicaUrl,
      Path out,
      List<TableRef> tables,
      int chunkRows,
      LiveTuning live) {
    JobDefinition definition =
        new JobDefinition(
            "standby",
            new ConnectionSpec(primaryUrl, null),
            new ConnectionSpec(replicaUrl, null),
            tables.stream().map(TableSpec::of).toList(),
            new Tuning(2, chunkRows, 10_000, Duration.ofMinutes(5), Duration.ofSeconds(30), live),
            out,
            null);
    RunOutcome outcome = new SpringVerifyLauncher().launch(definition);
    assertThat(outcome.runFolder()).as("run folder of %s", outcome.verdict()).isNotNull();
    Path folder = outcome.runFolder();
    try {
      List<JsonNode> rechecks =
          Files.readAllLines(folder.resolve(DivergenceWriter.RECHECKS_FILE)).stream()
              .filter(line -> !line.isBlank())
              .map(JSON::readTree)
              .toList();
      return new StandbyRun(
          outcome,
          RunFiles.summary(folder),
          Files.readString(folder.resolve("report.md")),
          RunFiles.divergences(folder),
          rechecks);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int exitCode() {
    return ExitCode.of(outcome.status()).code();
  }

  JsonNode replication() {
    return summary.get("replication");
  }

  JsonNode totals() {
    return summary.get("totals");
  }

  /** The summary.json entry of one table. */
  JsonNode table(TableRef table) {
    return RunFiles.table(outcome.runFolder(), table.toString());
  }
}
