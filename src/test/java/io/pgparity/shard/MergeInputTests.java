package io.pgparity.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.cli.MergeCommand;
import io.pgparity.compare.Divergence;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.Shard;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.connect.Both;
import io.pgparity.report.DivergenceWriter;
import io.pgparity.report.JobJsonWriter;
import io.pgparity.report.RunFolder;
import io.pgparity.report.RunResult;
import io.pgparity.report.SummaryJsonWriter;
import io.pgparity.report.TableResult;
import io.pgparity.table.TableRef;
import io.pgparity.testing.RunFiles;
import io.pgparity.verdict.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgparity merge takes every shard of one check exactly once, and refuses anything else in one line
 * with exit 2.
 */
class MergeInputTests {

  private static final TableRef TABLE = new TableRef("public", "t");
  private static final Instant START = Instant.parse("2026-11-26T04:00:00Z");

  @TempDir Path dir;
  private final Random random = new Random(7);
  private String err = "";
  private String lastLine = "";

  @Test
  void everyShardOnceMergesWithSummedCountsAndTheWorstStatus() {
    Path a = shard("job", 0, 2, Status.CONSISTENT, 10, null, 1000);
    Path b = shard("job", 1, 2, Status.DIVERGENT, 20, missing("7"), 1000);

    int code = merge(b.toString(), a.toString(), "--out", dir.resolve("merged").toString());

    assertThat(code).as(err).isEqualTo(1);
    assertThat(lastLine)
        .startsWith("DIVERGENT: 1 divergent row in 1 of 1 table")
        .contains("merged from 2 shards");
    Path folder = Path.of(lastLine.substring(lastLine.indexOf("; report: ") + 10));
    assertThat(folder.getParent()).isEqualTo(dir.resolve("merged").resolve("job"));
    assertThat(RunFiles.table(folder, "public.t").get("rowsPrimary").asLong()).isEqualTo(30);
    assertThat(RunFiles.summary(folder).get("shards").values())
        .extracting(n -> n.asString())
        .containsExactly(a.getFileName().toString(), b.getFileName().toString());
    assertThat(RunFiles.divergences(folder)).hasSize(1);
  }

  @Test
  void anIncompleteShardMakesTheMergeIncomplete() {
    Path a = shard("job", 0, 2, Status.INCOMPLETE, 10, null, 1000);
    Path b = shard("job", 1, 2, Status.DIVERGENT, 20, missing("7"), 1000);

    assertThat(merge(a.toString(), b.toString(), "--out", dir.resolve("m").toString()))
        .isEqualTo(4);
    assertThat(lastLine).startsWith("INCOMPLETE: ");
  }

  @Test
  void aMissingShardIsNamed() {
    Path a = shard("job", 0, 3, Status.CONSISTENT, 1, null, 1000);
    Path c = shard("job", 2, 3, Status.CONSISTENT, 1, null, 1000);

    assertRefused(
        merge(a.toString(), c.toString(), "--out", dir.resolve("m").toString()),
        "2 of 3 shards given; missing shard 1/3; give the run folder of every shard 0..2");
    assertThat(dir.resolve("m")).doesNotExist();
  }

  @Test
  void aShardGivenTwiceIsRefused() {
    Path a = shard("job", 0, 2, Status.CONSISTENT, 1, null, 1000);
    Path again = shard("job", 0, 2, Status.CONSISTENT, 1, null, 1000);
    Path b = shard("job", 1, 2, Status.CONSISTENT, 1, null, 1000);

    assertRefused(merge(a.toString(), again.toString(), b.toString()), "shard 0/2 is given twice");
  }

  @Test
  void shardsOfDifferentChecksAreRefused() {
    Path a = shard("job", 0, 2, Status.CONSISTENT, 1, null, 1000);
    assertRefused(
        merge(a.toString(), shard("other", 1, 2, Status.CONSISTENT, 1, null, 1000).toString()),
        "of job 'other'");
    assertRefused(
        merge(a.toString(), shard("job", 1, 3, Status.CONSISTENT, 1, null, 1000).toString()),
        "split the same way");
    assertRefused(
        merge(a.toString(), shard("job", 1, 2, Status.CONSISTENT, 1, null, 500).toString()),
        "differs from that of");
  }

  @Test
  void shardsWhoseThreadsAutoChoseDifferentlyMerge() {
    Path a =
        shard(
            "job",
            0,
            2,
            Status.CONSISTENT,
            1,
            null,
            1000,
            tuning -> tuning.withAutoThreads(8).withThreads(3));
    Path b =
        shard(
            "job",
            1,
            2,
            Status.CONSISTENT,
            1,
            null,
            1000,
            tuning -> tuning.withAutoThreads(8).withThreads(1));
    Path fixed =
        shard("job", 1, 2, Status.CONSISTENT, 1, null, 1000, tuning -> tuning.withFixedThreads(3));

    assertThat(merge(a.toString(), b.toString(), "--out", dir.resolve("m").toString()))
        .as(err)
        .isZero();
    assertRefused(merge(a.toString(), fixed.toString()), "differs from that of");
  }

  @Test
  void aRunThatIsNoShardOrHasNotFinishedIsRefused() throws IOException {
    Path plain = folder("job");
    JobJsonWriter.write(definition("job", null, 1000), plain);
    assertRefused(merge(plain.toString()), "is not a shard run");

    Path unfinished = folder("job");
    JobJsonWriter.write(definition("job", new Shard(0, 1), 1000), unfinished);
    assertRefused(merge(unfinished.toString()), "has no summary.json");

    assertRefused(merge(dir.resolve("nowhere").toString()), "does not exist");
    Path damaged = shard("job", 0, 1, Status.CONSISTENT, 1, null, 1000);
    Files.writeString(damaged.resolve("divergences.jsonl"), "not json\n");
    assertRefused(
        merge(damaged.toString(), "--out", dir.resolve("d").toString()),
        "divergences.jsonl line 1");
    assertThat(dir.resolve("d").resolve("job")).isEmptyDirectory();
  }

  @Test
  void usageMistakesAreOneLine() {
    assertRefused(merge(), "no run folder given");
    assertRefused(merge("--frobnicate"), "unknown option '--frobnicate'");
    assertRefused(merge("x", "--out"), "--out needs a folder");
    assertThat(merge("--help")).isZero();
  }

  private void assertRefused(int code, String message) {
    assertThat(code).as(err).isEqualTo(2);
    assertThat(err.strip()).startsWith("pgparity: merge: ").contains(message).doesNotContain("\n");
  }

  private int merge(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream error = new ByteArrayOutputStream();
    int code =
        new MergeCommand(Map.of())
            .run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(error, true, StandardCharsets.UTF_8));
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    lastLine = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    err = error.toString(StandardCharsets.UTF_8);
    return code;
  }

  /** A finished shard run folder as verify --shard writes it, without a database. */
  private Path shard(
      String job,
      int index,
      int count,
      Status status,
      long rows,
      Divergence divergence,
      int chunkRows) {
    return shard(job, index, count, status, rows, divergence, chunkRows, tuning -> tuning);
  }

  /** As above, with the job's tuning changed by {@code threads} (how its threads were chosen). */
  private Path shard(
      String job,
      int index,
      int count,
      Status status,
      long rows,
      Divergence divergence,
      int chunkRows,
      UnaryOperator<Tuning> threads) {
    Shard shard = new Shard(index, count);
    Path folder = folder(job);
    JobDefinition definition = definition(job, shard, chunkRows);
    JobJsonWriter.write(definition.withTuning(threads.apply(definition.tuning())), folder);
    try (DivergenceWriter writer = DivergenceWriter.open(folder)) {
      if (divergence != null) {
        writer.write(divergence);
      }
    }
    long missing = divergence == null ? 0 : 1;
    TableResult table =
        new TableResult(
            TABLE,
            List.of("id"),
            List.of("id", "v"),
            new TableResult.Rows(rows, rows - missing, 2),
            new TableResult.Differences(missing, 0, 0),
            List.of(),
            status,
            1.5,
            status == Status.INCOMPLETE ? "stopped early" : null,
            TableResult.Rechecks.NONE,
            null);
    RunResult result =
        new RunResult(
            new RunResult.Identity("test", job, folder.getFileName().toString()),
            folder,
            status,
            START,
            START.plusSeconds(5),
            new Both<>(null, null),
            List.of(table),
            null,
            RunResult.Sharding.of(shard),
            null,
            null);
    new SummaryJsonWriter().write(result, folder.resolve(SummaryJsonWriter.FILE_NAME));
    return folder;
  }

  private Path folder(String job) {
    return RunFolder.create(dir.resolve("shards"), job, START, random).path();
  }

  private static JobDefinition definition(String job, Shard shard, int chunkRows) {
    Tuning defaults = Tuning.defaults();
    Tuning tuning =
        new Tuning(
            defaults.threads(),
            chunkRows,
            defaults.maxDivergences(),
            defaults.statementTimeout(),
            defaults.lockTimeout(),
            defaults.live());
    return new JobDefinition(
        job,
        new ConnectionSpec("jdbc:postgresql://db1/app", null),
        new ConnectionSpec("jdbc:postgresql://db2/app", null),
        List.of(TableSpec.of(TABLE)),
        tuning,
        Path.of("reports"),
        null,
        null,
        null,
        shard,
        null);
  }

  private static Divergence missing(String id) {
    return new Divergence(
        TABLE,
        Map.of("id", id),
        DivergenceKind.MISSING_ON_REPLICA,
        List.of(),
        Map.of("id", id, "v", "x"),
        null);
  }
}
