package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.report.RunFolder;
import io.pgparity.testing.PgParityProcess;
import io.pgparity.testing.PgParityProcess.Result;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 of a real verify process mid-hash: a plain rerun marks the dead run's job execution
 * FAILED, restarts it, takes over the hash partitions it completed, and finds exactly the rows that
 * diverge, as an uninterrupted run would.
 */
class ResumeProcessTests {

  private static final int TABLES = 8;
  private static final int ROWS = 3_000;

  @TempDir Path dir;

  @Test
  void killedRunIsResumedByThePlainRerunWithTheExactResult() throws Exception {
    String schema = slowJob();
    Path job = dir.resolve("paced.yaml");
    Path out = dir.resolve("out");
    Path log = dir.resolve("first.err");
    // 2000 rows/s per side: each table takes 1.5 s to hash, the whole run some 12 s
    Process first =
        PgParityProcess.in(dir)
            .start(
                dir.resolve("first.out"),
                log,
                "verify",
                "--job",
                job.toString(),
                "--out",
                out.toString(),
                "--rows-per-second",
                "2000");
    try {
      // the first partition's COMPLETED status is stored before the second partition starts
      PgParityProcess.awaitLog(
          first, log, "HashRangesTasklet: Hashed ", 2, Duration.ofSeconds(180));
      assertThat(first.isAlive())
          .as("the run ended before it was killed:%n%s", Files.readString(log))
          .isTrue();
      first.destroyForcibly(); // SIGKILL: no reports, the job repository says STARTED
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      first.destroyForcibly();
    }
    assertThat(first.exitValue()).isEqualTo(137);
    Path killedFolder = onlyRunFolder(out.resolve("paced"));
    assertThat(killedFolder.resolve("summary.json")).doesNotExist();

    Result resumed =
        PgParityProcess.in(dir)
            .withTimeout(Duration.ofSeconds(180))
            .run("verify", "--job", job.toString(), "--out", out.toString());

    assertThat(resumed.exitCode()).as("%s", resumed).isEqualTo(ExitCode.DIVERGENT.code());
    String killedId = killedFolder.getFileName().toString();
    assertThat(resumed.stderr())
        .contains("never ended (the process was killed); marking it FAILED")
        .contains("Resuming run " + killedId + " stopped ");
    Path folder = Path.of(resumed.lastLine().substring(resumed.lastLine().indexOf("report: ") + 8));
    assertThat(folder.getFileName().toString()).isNotEqualTo(killedId);
    JsonNode summary = RunFiles.summary(folder);
    assertThat(summary.get("resumedFrom").asText()).isEqualTo(killedId);
    assertThat(summary.get("hashPartitions").asInt()).isEqualTo(TABLES);
    assertThat(summary.get("reusedHashPartitions").asInt()).isPositive().isLessThan(TABLES);
    assertThat(summary.get("status").asText()).isEqualTo("DIVERGENT");
    for (int t = 1; t <= TABLES; t++) {
      JsonNode table = RunFiles.table(folder, schema + ".t" + t);
      assertThat(table.get("rowsPrimary").asLong()).as("t%s", t).isEqualTo(ROWS);
      assertThat(table.get("rowsReplica").asLong())
          .as("t%s", t)
          .isEqualTo(t == 1 ? ROWS - 1 : t == TABLES ? ROWS + 1 : ROWS);
    }
    Set<String> divergences =
        RunFiles.divergences(folder).stream()
            .map(
                d ->
                    d.get("table").asText()
                        + " "
                        + d.get("kind").asText()
                        + " "
                        + d.get("key").get("id").asText())
            .collect(Collectors.toSet());
    assertThat(divergences)
        .containsExactlyInAnyOrder(
            schema + ".t1 MISSING_ON_REPLICA 7",
            schema + ".t4 CHANGED 2500",
            schema + ".t" + TABLES + " EXTRA_ON_REPLICA 9999");
    assertThat(folder.resolve("manifest.json")).exists();
  }

  /** Tables of 3000 rows with one divergence each in the first, a middle and the last table. */
  private String slowJob() throws Exception {
    EmbeddedPair pair = TestServers.pair();
    String schema = TestServers.uniqueSchema("resume_kill");
    StringBuilder ddl = new StringBuilder();
    StringBuilder tables = new StringBuilder();
    for (int t = 1; t <= TABLES; t++) {
      String table = schema + ".t" + t;
      ddl.append("CREATE TABLE ")
          .append(table)
          .append(" (id int PRIMARY KEY, v text); INSERT INTO ")
          .append(table)
          .append(" SELECT i, 'v' || i FROM generate_series(1, ")
          .append(ROWS)
          .append(") i;");
      tables.append("  - table: ").append(table).append('\n');
    }
    pair.execBoth(ddl.toString());
    try (Connection c = pair.replica().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "DELETE FROM "
              + schema
              + ".t1 WHERE id = 7; UPDATE "
              + schema
              + ".t4 SET v = 'drift' WHERE id = 2500;"
              + " INSERT INTO "
              + schema
              + ".t"
              + TABLES
              + " VALUES (9999, 'extra')");
    }
    Files.writeString(
        dir.resolve("paced.yaml"),
        "name: paced\n"
            + "primary:\n  url: '"
            + pair.primaryUrl()
            + "'\n"
            + "replica:\n  url: '"
            + pair.replicaUrl()
            + "'\n"
            + "threads: 1\n"
            + "lag-aware: false\n"
            + "tables:\n"
            + tables);
    return schema;
  }

  private static Path onlyRunFolder(Path jobFolder) throws Exception {
    try (Stream<Path> folders = Files.list(jobFolder)) {
      List<Path> runs =
          folders
              .filter(p -> RunFolder.RUN_ID.matcher(p.getFileName().toString()).matches())
              .toList();
      assertThat(runs).hasSize(1);
      return runs.get(0);
    }
  }
}
