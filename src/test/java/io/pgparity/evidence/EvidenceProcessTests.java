package io.pgparity.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.report.RunFolder;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.testing.PgParityProcess;
import io.pgparity.testing.PgParityProcess.Result;
import io.pgparity.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar signs a run's manifest with the key in its environment, and its {@code evidence
 * check} tells an intact copy of the folder (exit 0) from a tampered one (exit 1, naming the file).
 */
class EvidenceProcessTests {

  private static final String KEY = "process-test-key-7f3a";
  private static final Map<String, String> WITH_KEY = Map.of("PGPARITY_EVIDENCE_KEY", KEY);

  @TempDir static Path runs;
  private static Path signedRun;
  private static String schema;

  @TempDir Path dir;

  @BeforeAll
  static void verifyOnce() throws IOException {
    EmbeddedPair pair = TestServers.pair();
    schema = TestServers.uniqueSchema("evidence_process");
    String table = SqlIdentifier.quote(schema) + ".items";
    pair.execBoth(
        "CREATE TABLE "
            + table
            + " (id int PRIMARY KEY, name text);"
            + "INSERT INTO "
            + table
            + " SELECT g, 'item ' || g FROM generate_series(1, 50) g");
    TestServers.exec(pair.replica(), "DELETE FROM " + table + " WHERE id = 7");
    Result r =
        PgParityProcess.in(runs)
            .withEnv(WITH_KEY)
            .withTimeout(Duration.ofMinutes(5))
            .run(
                "verify",
                "--primary",
                pair.primaryUrl(),
                "--replica",
                pair.replicaUrl(),
                "--out",
                "out",
                "--table",
                schema + ".items");
    assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
    try (Stream<Path> paths = Files.walk(runs.resolve("out"))) {
      List<Path> folders =
          paths
              .filter(p -> RunFolder.RUN_ID.matcher(p.getFileName().toString()).matches())
              .toList();
      assertThat(folders).as("%s", r).hasSize(1);
      signedRun = folders.get(0);
    }
  }

  @AfterAll
  static void dropTable() {
    TestServers.dropSchema(schema);
  }

  @Test
  void theJarSignsTheManifestWithTheKeyInItsEnvironment() throws IOException {
    JsonNode manifest =
        JsonMapper.builder().build().readTree(Files.readString(signedRun.resolve("manifest.json")));

    assertThat(manifest.get("signature").get("algorithm").stringValue()).isEqualTo("HMAC-SHA256");
    assertThat(manifest.get("files").values())
        .extracting(f -> f.get("path").stringValue())
        .contains("job.json", "summary.json", "divergences.jsonl", "report.md");
    assertThat(manifest.toString()).doesNotContain(KEY);
  }

  @Test
  void anIntactFolderExitsZero() throws IOException {
    Path folder = copy(signedRun);

    Result r =
        PgParityProcess.in(dir).withEnv(WITH_KEY).run("evidence", "check", folder.toString());

    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.stdoutLines())
        .as("%s", r)
        .singleElement(STRING)
        .startsWith("INTACT: ")
        .contains("files match manifest.json, signature verified (HMAC-SHA256)");
    assertThat(r.stderr()).as("%s", r).isEmpty();
  }

  @Test
  void aTamperedFolderExitsOneAndNamesTheFile() throws IOException {
    Path folder = copy(signedRun);
    // hide the divergent row from anyone reading the folder later
    Files.writeString(folder.resolve("divergences.jsonl"), "");

    Result r =
        PgParityProcess.in(dir).withEnv(WITH_KEY).run("evidence", "check", folder.toString());

    assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
    assertThat(r.stdoutLines()).as("%s", r).hasSize(2);
    assertThat(r.stdoutLines().get(0)).as("%s", r).startsWith("CHANGED divergences.jsonl: sha256 ");
    assertThat(r.lastLine()).as("%s", r).isEqualTo("TAMPERED: 1 problem (1 changed) in " + folder);
  }

  @Test
  void withoutTheKeyASignedFolderExitsOneAndAMissingFolderTwo() {
    Result unsigned = PgParityProcess.in(dir).run("evidence", "check", signedRun.toString());
    assertThat(unsigned.exitCode()).as("%s", unsigned).isEqualTo(1);
    assertThat(unsigned.stdoutLines().get(0))
        .as("%s", unsigned)
        .startsWith(
            "BAD SIGNATURE manifest.json: the manifest is signed but PGPARITY_EVIDENCE_KEY is not set");

    Result missing = PgParityProcess.in(dir).run("evidence", "check", "no/such/folder");
    assertThat(missing.exitCode()).as("%s", missing).isEqualTo(2);
    assertThat(missing.stdout()).as("%s", missing).isEmpty();
    assertThat(missing.stderrLines())
        .as("%s", missing)
        .singleElement(STRING)
        .startsWith("pgparity: evidence check: run folder no/such/folder does not exist");
  }

  /** A copy of the run folder under this test's own directory, so tampering stays local. */
  private Path copy(Path folder) throws IOException {
    Path target = dir.resolve(folder.getFileName());
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path source : paths.toList()) {
        Path to = target.resolve(folder.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(to);
        } else {
          Files.copy(source, to);
        }
      }
    }
    return target;
  }
}
