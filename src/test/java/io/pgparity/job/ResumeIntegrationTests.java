package io.pgparity.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.cli.JobDefinitionFactory;
import io.pgparity.cli.VerifyCommand;
import io.pgparity.config.JobFileLoader;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A run stopped by --max-runtime mid-hash is resumed by the next plain run: it takes over the hash
 * partitions the stopped run completed and ends with exactly what an uninterrupted run finds.
 */
class ResumeIntegrationTests {

  private static final int ROWS = 20_000;

  @TempDir Path dir;

  @AfterEach
  void restoreSliceSize() {
    HeapSlices.maxBlocksPerSlice = HeapSlices.MAX_BLOCKS_PER_SLICE;
  }

  @Test
  void stoppedRunIsResumedAndEndsLikeAnUninterruptedRun() throws Exception {
    // about 110 heap blocks in slices of 8: some 14 hash partitions
    HeapSlices.maxBlocksPerSlice = 8;
    EmbeddedPair pair = TestServers.pair();
    String table = table(pair, "resume", ROWS);
    try (Connection c = pair.replica().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "DELETE FROM "
              + table
              + " WHERE id = 10; UPDATE "
              + table
              + " SET v = 'drift' WHERE id = 19000;"
              + " INSERT INTO "
              + table
              + " VALUES (30000, 'extra')");
    }
    Path job = jobFile("resume", pair, table);
    Path out = dir.resolve("out");

    // 1000 rows/s per side: hashing takes some 20 s, the budget stops it after a few partitions;
    // a machine so slow that a run hashes nothing within it is stopped again, and resumed again
    List<Path> stopped = new ArrayList<>();
    do {
      Run run =
          verify(
              "--job",
              job.toString(),
              "--out",
              out.toString(),
              "--rows-per-second",
              "1000",
              "--max-runtime",
              "6s");
      assertThat(run.code()).as(run.printed()).isEqualTo(ExitCode.INCOMPLETE.code());
      stopped.add(run.folder());
      assertThat(RunFiles.summary(run.folder()).get("tables").get(0).get("note").asText())
          .isEqualTo("max-runtime 6s reached; run again");
    } while (RunFiles.summary(stopped.get(stopped.size() - 1))
                .get("totals")
                .get("rowsCompared")
                .asLong()
            == 0
        && stopped.size() < 5);
    Path last = stopped.get(stopped.size() - 1);
    assertThat(last.resolve("manifest.json")).exists();

    Run resumed = verify("--job", job.toString(), "--out", out.toString());
    assertThat(resumed.code()).as(resumed.printed()).isEqualTo(ExitCode.DIVERGENT.code());
    JsonNode summary = RunFiles.summary(resumed.folder());
    assertThat(summary.get("resumedFrom").asText()).isEqualTo(last.getFileName().toString());
    assertThat(summary.get("hashPartitions").asInt()).isGreaterThan(5);
    assertThat(summary.get("reusedHashPartitions").asInt())
        .isPositive()
        .isLessThan(summary.get("hashPartitions").asInt());
    assertThat(resumed.folder()).isNotIn(stopped);
    assertThat(Files.readString(resumed.folder().resolve("report.md")))
        .contains("Resumed from: `" + last.getFileName());

    Run fresh = verify("--job", job.toString(), "--out", out.toString(), "--fresh");
    assertThat(fresh.code()).as(fresh.printed()).isEqualTo(ExitCode.DIVERGENT.code());
    assertThat(RunFiles.summary(fresh.folder()).has("resumedFrom")).isFalse();
    for (Path folder : List.of(resumed.folder(), fresh.folder())) {
      JsonNode result = RunFiles.table(folder, table);
      assertThat(result.get("status").asText()).isEqualTo("DIVERGENT");
      assertThat(result.get("rowsPrimary").asLong()).isEqualTo(ROWS);
      assertThat(result.get("rowsReplica").asLong()).isEqualTo(ROWS);
      assertThat(result.get("missingOnReplica").asLong()).isEqualTo(1);
      assertThat(result.get("extraOnReplica").asLong()).isEqualTo(1);
      assertThat(result.get("changed").asLong()).isEqualTo(1);
      assertThat(divergences(folder))
          .containsExactlyInAnyOrder(
              "MISSING_ON_REPLICA 10", "EXTRA_ON_REPLICA 30000", "CHANGED 19000");
    }
    assertThat(RunFiles.table(resumed.folder(), table).get("ranges"))
        .isEqualTo(RunFiles.table(fresh.folder(), table).get("ranges"));
  }

  @Test
  void aTableWhoseCatalogChangedSinceTheStopIsComparedAfresh() throws Exception {
    // some 11 heap blocks, a slice each: past the first slice the pace makes the run wait seconds
    HeapSlices.maxBlocksPerSlice = 1;
    EmbeddedPair pair = TestServers.pair();
    String table = table(pair, "resume_changed", 2000);
    Path job = jobFile("changed", pair, table);
    Path out = dir.resolve("out");
    // 100 rows/s: hashing would take 20 s, the budget stops it after the first slices
    Run stopped =
        verify(
            "--job",
            job.toString(),
            "--out",
            out.toString(),
            "--rows-per-second",
            "100",
            "--max-runtime",
            "1s");
    assertThat(stopped.code()).as(stopped.printed()).isEqualTo(ExitCode.INCOMPLETE.code());

    pair.execBoth("ALTER TABLE " + table + " ADD COLUMN w int DEFAULT 7");
    Run rerun = verify("--job", job.toString(), "--out", out.toString());

    assertThat(rerun.code()).as(rerun.printed()).isEqualTo(ExitCode.CONSISTENT.code());
    JsonNode summary = RunFiles.summary(rerun.folder());
    assertThat(summary.has("resumedFrom")).isFalse();
    JsonNode result = RunFiles.table(rerun.folder(), table);
    assertThat(result.get("rowsPrimary").asLong()).isEqualTo(2000);
    assertThat(result.get("columns").toString()).contains("\"w\"");
  }

  /** Each divergence as "KIND key". */
  private static Set<String> divergences(Path folder) {
    return RunFiles.divergences(folder).stream()
        .map(d -> d.get("kind").asText() + " " + d.get("key").get("id").asText())
        .collect(Collectors.toSet());
  }

  private Run verify(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    VerifyCommand verify =
        new VerifyCommand(
            new SpringVerifyLauncher(),
            new JobDefinitionFactory(
                new JobFileLoader(), Map.of(), new PasswordResolver(Map.of(), dir)));
    int code =
        verify.run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    Path folder =
        Path.of(printed.substring(printed.lastIndexOf("report: ") + "report: ".length()).strip());
    return new Run(code, folder, printed + "\n" + err.toString(StandardCharsets.UTF_8));
  }

  private record Run(int code, Path folder, String printed) {}

  /** A one-table job on one thread, not lag-aware (the replica is an independent copy). */
  private Path jobFile(String name, EmbeddedPair pair, String table) throws Exception {
    Path job = dir.resolve(name + ".yaml");
    Files.writeString(
        job,
        "name: "
            + name
            + "\n"
            + "primary:\n  url: '"
            + pair.primaryUrl()
            + "'\n"
            + "replica:\n  url: '"
            + pair.replicaUrl()
            + "'\n"
            + "threads: 1\n"
            + "lag-aware: false\n"
            + "tables:\n  - table: "
            + table
            + "\n");
    return job;
  }

  /** A table of {@code rows} rows (id, 'value ' || id) on both sides, in a schema of its own. */
  private static String table(EmbeddedPair pair, String schemaPrefix, int rows) {
    String table = TestServers.uniqueSchema(schemaPrefix) + ".t";
    pair.execBoth(
        "CREATE TABLE "
            + table
            + " (id int PRIMARY KEY, v text); INSERT INTO "
            + table
            + " SELECT i, 'value ' || i FROM generate_series(1, "
            + rows
            + ") i;");
    return table;
  }
}
