package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.testing.PgParityProcess;
import io.pgparity.testing.PgParityProcess.Result;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two real processes of one job: the second is turned away at once (exit 5) while the first runs,
 * and SIGTERM makes the first write its reports and exit 4 with its unfinished tables INCOMPLETE.
 */
class OpsGuardProcessTests {

  private static final int TABLES = 12;

  @TempDir Path dir;

  @Test
  void overlappingRunExits5AndSigtermLeavesAnIncompleteReportedRun() throws Exception {
    Path job = slowJob();
    Path out = dir.resolve("out");
    Path firstOut = dir.resolve("first.out");
    Path firstErr = dir.resolve("first.err");
    Process first =
        PgParityProcess.in(dir)
            .start(firstOut, firstErr, "verify", "--job", job.toString(), "--out", out.toString());
    try {
      // hashing has begun: the lock is held and plenty of slow tables are still ahead
      PgParityProcess.awaitLog(
          first, firstErr, "HashRangesTasklet: Hashed ", 1, Duration.ofSeconds(120));

      long started = System.nanoTime();
      Result second =
          PgParityProcess.in(dir)
              .withTimeout(Duration.ofSeconds(120))
              .run("verify", "--job", job.toString(), "--out", out.toString());
      assertThat(first.isAlive())
          .as("the first run outlived the second; its log:%n%s", Files.readString(firstErr))
          .isTrue();
      assertThat(second.exitCode()).as("%s", second).isEqualTo(ExitCode.ALREADY_RUNNING.code());
      assertThat(second.stderr())
          .contains("job 'slow' is already running")
          .contains(out.resolve("slow").resolve(".lock").toAbsolutePath().toString())
          .contains("pid " + first.pid() + " on host ")
          .contains(" since ");
      assertThat(second.stdout()).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(120));

      first.destroy(); // SIGTERM on Linux
      assertThat(first.waitFor(90, TimeUnit.SECONDS)).as("first run ended after SIGTERM").isTrue();
      String log = Files.readString(firstErr);
      assertThat(first.exitValue()).as("log:%n%s", log).isEqualTo(ExitCode.INCOMPLETE.code());
      List<String> stdout = Files.readAllLines(firstOut);
      assertThat(stdout).isNotEmpty();
      assertThat(stdout.get(stdout.size() - 1)).startsWith("INCOMPLETE");
      Path runFolder;
      try (var folders = Files.list(out.resolve("slow"))) {
        runFolder =
            folders.filter(p -> Files.exists(p.resolve("summary.json"))).findFirst().orElseThrow();
      }
      JsonNode summary = RunFiles.summary(runFolder);
      assertThat(summary.get("status").asText()).isEqualTo("INCOMPLETE");
      List<String> notes = new ArrayList<>();
      summary
          .get("tables")
          .forEach(
              t -> {
                if (t.get("status").asText().equals("INCOMPLETE")) {
                  notes.add(t.get("note").asText());
                }
              });
      assertThat(notes)
          .isNotEmpty()
          .allSatisfy(note -> assertThat(note).isEqualTo("stopped by SIGTERM"));
      assertThat(runFolder.resolve("manifest.json")).exists();
    } finally {
      first.destroyForcibly();
    }

    // the lock died with the process: the next run of the job starts (and is told to stop fast)
    Result again =
        PgParityProcess.in(dir)
            .withTimeout(Duration.ofSeconds(120))
            .run("verify", "--job", job.toString(), "--out", out.toString(), "--max-runtime", "1s");
    assertThat(again.exitCode()).as("%s", again).isEqualTo(ExitCode.INCOMPLETE.code());
    assertThat(again.lastLine()).startsWith("INCOMPLETE");
  }

  /** A job of tables whose every row sleeps while read: planning and hashing each take seconds. */
  private Path slowJob() throws Exception {
    EmbeddedPair pair = TestServers.pair();
    String schema = TestServers.uniqueSchema("ops_guard");
    StringBuilder ddl = new StringBuilder();
    StringBuilder tables = new StringBuilder();
    for (int t = 1; t <= TABLES; t++) {
      String table = schema + ".t" + t;
      ddl.append("CREATE TABLE ")
          .append(table)
          .append(" (id int PRIMARY KEY, v text); INSERT INTO ")
          .append(table)
          .append(" SELECT i, 'v' || i FROM generate_series(1, 25) i;");
      tables
          .append("  - table: ")
          .append(table)
          .append('\n')
          .append("    where: 'pg_sleep(0.05) IS NOT NULL'\n");
    }
    pair.execBoth(ddl.toString());
    Path job = dir.resolve("slow.yaml");
    Files.writeString(
        job,
        "name: slow\n"
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
    return job;
  }
}
