package io.pgparity.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.testing.PgParityProcess;
import io.pgparity.testing.PgParityProcess.Result;
import io.pgparity.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar: two shards of a divergent check, then {@code merge}: exit 1 with the merged
 * verdict when both are given, exit 2 and one line naming the missing shard when one is not.
 */
class MergeProcessTests {

  @TempDir static Path work;
  private static String schema;
  private static final List<Path> shardFolders = new ArrayList<>();

  @BeforeAll
  static void runTwoShards() {
    EmbeddedPair pair = TestServers.pair();
    schema = TestServers.uniqueSchema("merge_process");
    String table = SqlIdentifier.quote(schema) + ".items";
    pair.execBoth(
        "CREATE TABLE "
            + table
            + " (id int PRIMARY KEY, name text);"
            + "INSERT INTO "
            + table
            + " SELECT g, 'item ' || g FROM generate_series(1, 200) g");
    TestServers.exec(
        pair.replica(),
        "DELETE FROM "
            + table
            + " WHERE id IN (7, 8, 9); UPDATE "
            + table
            + " SET name = 'x' WHERE id IN (50, 51)");
    for (int i = 0; i < 2; i++) {
      Result r =
          PgParityProcess.in(work)
              .withTimeout(Duration.ofMinutes(5))
              .run(
                  "verify",
                  "--primary",
                  pair.primaryUrl(),
                  "--replica",
                  pair.replicaUrl(),
                  "--out",
                  "shards",
                  "--table",
                  schema + ".items",
                  "--shard",
                  i + "/2");
      assertThat(r.exitCode()).as("%s", r).isIn(0, 1);
      assertThat(r.lastLine()).as("%s", r).contains("; shard " + i + "/2; report: ");
      shardFolders.add(
          work.resolve(r.lastLine().substring(r.lastLine().indexOf("; report: ") + 10)));
    }
  }

  @AfterAll
  static void dropTable() {
    TestServers.dropSchema(schema);
  }

  @Test
  void bothShardsMergeIntoOneDivergentReportWithExitOne() {
    Result r =
        PgParityProcess.in(work)
            .withTimeout(Duration.ofMinutes(2))
            .run(
                "merge",
                shardFolders.get(1).toString(),
                shardFolders.get(0).toString(),
                "--out",
                "merged");

    assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
    assertThat(r.lastLine())
        .startsWith("DIVERGENT: 5 divergent rows in 1 of 1 table (missing 3, extra 0, changed 2)")
        .contains("; merged from 2 shards; report: merged/adhoc/");
    Path merged = work.resolve(r.lastLine().substring(r.lastLine().indexOf("; report: ") + 10));
    assertThat(merged.resolve("summary.json")).isRegularFile();
    assertThat(merged.resolve("manifest.json")).isRegularFile();
  }

  @Test
  void aMissingShardIsExitTwoWithOneLine() {
    Result r =
        PgParityProcess.in(work).run("merge", shardFolders.get(0).toString(), "--out", "refused");

    assertThat(r.exitCode()).as("%s", r).isEqualTo(2);
    assertThat(r.stderrLines()).as("%s", r).hasSize(1);
    assertThat(r.stderr()).contains("1 of 2 shards given; missing shard 1/2");
    assertThat(Files.exists(work.resolve("refused"))).isFalse();
  }
}
