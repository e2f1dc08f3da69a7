package io.pgparity.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.cli.MergeCommand;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.Shard;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.evidence.ManifestChecker;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Three shards of a check, run one after the other on real servers and merged, give exactly what
 * one run over every row gives: the same tables (but for ranges and seconds), the same divergences.
 */
class ShardMergeIntegrationTests {

  // keys: bigint, composite (int, text), uuid, composite with an enum, a domain over varchar
  private static final List<String> TABLES = List.of("items", "pairs", "tokens", "kinds", "codes");
  private static final int SHARDS = 3;

  @TempDir static Path out;
  private static String schema;
  private static EmbeddedPair pair;
  private static RunOutcome single;
  private static final List<RunOutcome> shards = new ArrayList<>();

  @BeforeAll
  static void runOnceAndInShards() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("shard");
    String s = SqlIdentifier.quote(schema);
    pair.execBoth(
        "CREATE TABLE "
            + s
            + ".items (id bigint PRIMARY KEY, name text, v numeric(10,2));"
            + "INSERT INTO "
            + s
            + ".items SELECT i, 'n' || i, i / 7.0 FROM generate_series(1, 3000) i;"
            + "CREATE TABLE "
            + s
            + ".pairs (a int NOT NULL, b text NOT NULL, v text, PRIMARY KEY (a, b));"
            + "INSERT INTO "
            + s
            + ".pairs SELECT i % 40, 'k' || i, 'v' || i FROM generate_series(1, 2000) i;"
            + "CREATE TABLE "
            + s
            + ".tokens (id uuid PRIMARY KEY, v int);"
            + "INSERT INTO "
            + s
            + ".tokens SELECT md5('t' || i)::uuid, i FROM generate_series(1, 2000) i;"
            // an enum hashes its cluster-local OID: the shard predicate must hash its text instead
            + "CREATE TYPE "
            + s
            + ".kind AS ENUM ('red', 'green', 'blue');"
            + "CREATE TABLE "
            + s
            + ".kinds (k "
            + s
            + ".kind NOT NULL, n int NOT NULL, v int, PRIMARY KEY (k, n));"
            + "INSERT INTO "
            + s
            + ".kinds SELECT (ARRAY['red','green','blue'])[1 + i % 3]::"
            + s
            + ".kind, i, i"
            + " FROM generate_series(1, 600) i;"
            + "CREATE DOMAIN "
            + s
            + ".code AS varchar(12) CHECK (VALUE <> '');"
            + "CREATE TABLE "
            + s
            + ".codes (c "
            + s
            + ".code PRIMARY KEY, v int);"
            + "INSERT INTO "
            + s
            + ".codes SELECT 'c' || i, i FROM generate_series(1, 300) i;");
    TestServers.exec(
        pair.replica(),
        "DELETE FROM "
            + s
            + ".items WHERE id IN (5, 1234, 2999);"
            + "INSERT INTO "
            + s
            + ".items VALUES (0, 'zero', 0), (5000, 'big', 1);"
            + "UPDATE "
            + s
            + ".items SET name = 'renamed' WHERE id IN (17, 1800);"
            + "UPDATE "
            + s
            + ".items SET v = v + 0.01 WHERE id % 500 = 3;"
            + "UPDATE "
            + s
            + ".pairs SET v = NULL WHERE a = 3 AND b = 'k3';"
            + "DELETE FROM "
            + s
            + ".pairs WHERE a = 39 AND b = 'k1999';"
            + "INSERT INTO "
            + s
            + ".pairs VALUES (7, 'new', 'x');"
            + "UPDATE "
            + s
            + ".tokens SET v = -v WHERE v % 250 = 0;"
            + "DELETE FROM "
            + s
            + ".tokens WHERE v % 400 = 1;"
            + "INSERT INTO "
            + s
            + ".tokens VALUES ('00000000-0000-0000-0000-000000000001', 1);"
            + "UPDATE "
            + s
            + ".kinds SET v = 0 WHERE n % 100 = 7;"
            + "DELETE FROM "
            + s
            + ".kinds WHERE n IN (10, 11, 12);"
            + "UPDATE "
            + s
            + ".codes SET v = -v WHERE v % 50 = 0;"
            + "DELETE FROM "
            + s
            + ".codes WHERE v = 77;");
    SpringVerifyLauncher launcher = new SpringVerifyLauncher();
    single = launcher.launch(definition(null));
    for (int i = 0; i < SHARDS; i++) {
      shards.add(launcher.launch(definition(new Shard(i, SHARDS))));
    }
  }

  @AfterAll
  static void dropTables() {
    TestServers.dropSchema(schema);
  }

  @Test
  void theMergedShardsReportExactlyWhatOneRunReports() throws IOException {
    assertThat(single.status()).isEqualTo(Status.DIVERGENT);
    Merged merged = merge(shards.stream().map(RunOutcome::runFolder).toList());

    assertThat(merged.exitCode).as(merged.err).isEqualTo(1);
    assertThat(merged.lastLine)
        .startsWith("DIVERGENT: ")
        .contains("; merged from 3 shards; report: ");
    JsonNode mergedSummary = RunFiles.summary(merged.folder);
    JsonNode singleSummary = RunFiles.summary(single.runFolder());
    assertThat(comparable(mergedSummary.get("tables")))
        .isEqualTo(comparable(singleSummary.get("tables")));
    assertThat(mergedSummary.get("totals")).isEqualTo(singleSummary.get("totals"));
    assertThat(mergedSummary.get("status")).isEqualTo(singleSummary.get("status"));
    assertThat(mergedSummary.get("shards").values())
        .extracting(JsonNode::asString)
        .containsExactlyElementsOf(
            shards.stream().map(o -> o.runFolder().getFileName().toString()).toList());
    assertThat(mergedSummary.has("shard")).isFalse();

    assertThat(lines(merged.folder, "divergences.jsonl"))
        .hasSize(singleSummary.get("totals").get("divergentRows").asInt())
        .containsExactlyInAnyOrderElementsOf(lines(single.runFolder(), "divergences.jsonl"));
    assertThat(lines(merged.folder, "divergences.csv"))
        .containsExactlyInAnyOrderElementsOf(lines(single.runFolder(), "divergences.csv"));
    assertThat(lines(merged.folder, "rechecks.jsonl"))
        .containsExactlyInAnyOrderElementsOf(lines(single.runFolder(), "rechecks.jsonl"));
    // the merged folder's job.json is the check's, as a single run writes it
    assertThat(Files.readString(merged.folder.resolve("job.json")))
        .isEqualTo(Files.readString(single.runFolder().resolve("job.json")));
    assertThat(ManifestChecker.check(merged.folder, Optional.empty()).intact()).isTrue();
    assertThat(Files.readString(merged.folder.resolve("report.md")))
        .contains("Merged from 3 shard runs")
        .contains("a=`3`, b=`k3`")
        .doesNotContain("Shard 0/3");
    assertThat(Files.readString(merged.folder.resolve("report.html")))
        .contains("Not shown for a merged run");
  }

  @Test
  void everyRowBelongsToExactlyOneShard() {
    for (String table : TABLES) {
      JsonNode whole = RunFiles.table(single.runFolder(), schema + "." + table);
      long primary = 0;
      long replica = 0;
      for (RunOutcome shard : shards) {
        JsonNode part = RunFiles.table(shard.runFolder(), schema + "." + table);
        assertThat(part.get("rowsPrimary").asLong())
            .as("%s in %s", table, shard.runFolder())
            .isPositive();
        primary += part.get("rowsPrimary").asLong();
        replica += part.get("rowsReplica").asLong();
      }
      assertThat(primary).as(table).isEqualTo(whole.get("rowsPrimary").asLong());
      assertThat(replica).as(table).isEqualTo(whole.get("rowsReplica").asLong());
    }
    Set<String> seen = new HashSet<>();
    for (RunOutcome shard : shards) {
      for (String line : lines(shard.runFolder(), "divergences.jsonl")) {
        assertThat(seen.add(line)).as("listed by two shards: %s", line).isTrue();
      }
    }
  }

  @Test
  void aShardSaysWhichItIsAndKeepsALockAndJobRepositoryOfItsOwn() throws IOException {
    RunOutcome second = shards.get(1);
    JsonNode summary = RunFiles.summary(second.runFolder());
    assertThat(summary.get("shard").get("index").asInt()).isEqualTo(1);
    assertThat(summary.get("shard").get("count").asInt()).isEqualTo(3);
    assertThat(second.verdict()).contains("; shard 1/3; report: ");
    JsonNode job =
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .readTree(Files.readString(second.runFolder().resolve("job.json")));
    assertThat(job.get("shard").get("index").asInt()).isEqualTo(1);
    Path jobFolder = out.resolve("shardit");
    assertThat(jobFolder.resolve(".lock-shard-1-of-3")).isRegularFile();
    assertThat(jobFolder.resolve(".jobrepository").resolve("shard-1-of-3")).isDirectory();
    assertThat(Files.readString(second.runFolder().resolve("report.md")))
        .contains("Shard 1/3 of a sharded check");
  }

  @Test
  void twoShardsOfThreeAreRefusedAndNothingIsWritten() throws IOException {
    Path elsewhere = out.resolve("refused");
    Merged merged = merge(List.of(shards.get(0).runFolder(), shards.get(2).runFolder()), elsewhere);

    assertThat(merged.exitCode).isEqualTo(2);
    assertThat(merged.err.strip()).doesNotContain("\n").contains("missing shard 1/3");
    assertThat(elsewhere).doesNotExist();
  }

  private static JobDefinition definition(Shard shard) {
    List<TableSpec> specs =
        TABLES.stream().map(t -> TableSpec.of(new TableRef(schema, t))).toList();
    return new JobDefinition(
        "shardit",
        new ConnectionSpec(pair.primaryUrl(), null),
        new ConnectionSpec(pair.replicaUrl(), null),
        specs,
        new Tuning(2, 100, 10_000, Duration.ofMinutes(1), Duration.ofSeconds(5)),
        out,
        null,
        null,
        null,
        shard,
        null);
  }

  /** The tables without what depends on how the rows were split: ranges and timings. */
  private static List<JsonNode> comparable(JsonNode tables) {
    List<JsonNode> result = new ArrayList<>();
    for (JsonNode table : tables) {
      ObjectNode copy = (ObjectNode) table.deepCopy();
      copy.remove("ranges");
      copy.remove("seconds");
      result.add(copy);
    }
    return result;
  }

  private static List<String> lines(Path folder, String file) {
    try {
      return Files.readAllLines(folder.resolve(file)).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private record Merged(int exitCode, String lastLine, String err, Path folder) {}

  private static Merged merge(List<Path> folders) {
    return merge(folders, out.resolve("merged"));
  }

  private static Merged merge(List<Path> folders, Path target) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>();
    folders.forEach(f -> args.add(f.toString()));
    args.add("--out");
    args.add(target.toString());
    int code =
        new MergeCommand(Map.of())
            .run(
                args,
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    String text = stdout.toString(StandardCharsets.UTF_8).strip();
    String last = text.isEmpty() ? "" : text.lines().reduce((a, b) -> b).orElse("");
    int at = last.indexOf("; report: ");
    Path folder = at < 0 ? null : Path.of(last.substring(at + "; report: ".length()));
    return new Merged(code, last, stderr.toString(StandardCharsets.UTF_8), folder);
  }
}
