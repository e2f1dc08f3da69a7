package io.pgparity.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.live.Lsn;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A real verify run writes manifest.json last: it lists every file of the run folder with its true
 * hash, matches summary.json, and holds both servers' WAL positions at start and end.
 */
class EvidenceIntegrationTests {

  private static EmbeddedPair pair;
  private static String schema;

  @TempDir Path out;

  @BeforeAll
  static void createTable() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("evidence");
    String table = SqlIdentifier.quote(schema) + ".accounts";
    // two independent copies, one row drifted, so the divergence files have content
    pair.execBoth(
        "CREATE TABLE "
            + table
            + " (id int PRIMARY KEY, owner text, balance numeric);"
            + "INSERT INTO "
            + table
            + " SELECT g, 'owner ' || g, g * 10 FROM generate_series(1, 300) g");
    TestServers.exec(pair.replica(), "UPDATE " + table + " SET balance = -1 WHERE id = 42");
  }

  @AfterAll
  static void dropTable() {
    TestServers.dropSchema(schema);
  }

  @Test
  void theManifestOfARealRunListsEveryFileAndBothServers() throws Exception {
    Lsn primaryBefore =
        Lsn.parse(TestServers.query(pair.primary(), "SELECT pg_current_wal_lsn()::text"));

    RunOutcome outcome = launch();

    Lsn primaryAfter =
        Lsn.parse(TestServers.query(pair.primary(), "SELECT pg_current_wal_lsn()::text"));
    assertThat(outcome.status()).as(outcome.verdict()).isEqualTo(Status.DIVERGENT);
    Path folder = outcome.runFolder();
    Manifest manifest =
        ManifestJson.fromTree(
            ManifestJson.parse(Files.readAllBytes(folder.resolve("manifest.json"))));

    Map<String, FileEntry> expected = filesOf(folder);
    assertThat(expected.keySet())
        .contains(
            "job.json",
            "summary.json",
            "report.md",
            "divergences.jsonl",
            "divergences.csv",
            "rechecks.jsonl");
    assertThat(manifest.files()).containsExactlyElementsOf(expected.values());
    assertThat(manifest.jobDefinitionSha256()).isEqualTo(expected.get("job.json").sha256());
    assertThat(manifest.signature()).isNull();

    JsonNode summary = RunFiles.summary(folder);
    RunFacts run = manifest.run();
    assertThat(run.version()).isEqualTo(summary.get("version").stringValue());
    assertThat(run.job()).isEqualTo("evidence");
    assertThat(run.runId())
        .isEqualTo(summary.get("runId").stringValue())
        .isEqualTo(folder.getFileName().toString());
    assertThat(run.startedAt()).isEqualTo(Instant.parse(summary.get("startedAt").stringValue()));
    assertThat(run.finishedAt()).isEqualTo(Instant.parse(summary.get("finishedAt").stringValue()));
    for (String side : List.of("primary", "replica")) {
      ServerEvidence server = side.equals("primary") ? run.primary() : run.replica();
      assertThat(server.systemIdentifier())
          .as(side)
          .isEqualTo(summary.get(side).get("systemIdentifier").stringValue())
          .matches("\\d+");
      assertThat(server.serverVersion())
          .as(side)
          .isEqualTo(summary.get(side).get("serverVersion").stringValue());
      assertThat(server.walAtStart()).as(side).isNotNull();
      assertThat(server.walAtEnd()).as(side).isNotNull();
      assertThat(server.walAtEnd()).as(side).isGreaterThanOrEqualTo(server.walAtStart());
    }
    assertThat(run.primary().walAtStart()).isGreaterThanOrEqualTo(primaryBefore);
    assertThat(run.primary().walAtEnd()).isLessThanOrEqualTo(primaryAfter);
    // the two embedded servers are separate clusters
    assertThat(run.primary().systemIdentifier()).isNotEqualTo(run.replica().systemIdentifier());

    CheckReport check = ManifestChecker.check(folder, Optional.empty());
    assertThat(check.problems()).isEmpty();
    assertThat(check.filesChecked()).isEqualTo(expected.size());
  }

  private RunOutcome launch() {
    JobDefinition definition =
        new JobDefinition(
            "evidence",
            new ConnectionSpec(pair.primaryUrl(), null),
            new ConnectionSpec(pair.replicaUrl(), null),
            List.of(TableSpec.of(TableRef.parse(schema + ".accounts"))),
            new Tuning(2, 100, 10_000, Duration.ofMinutes(5), Duration.ofSeconds(5)),
            out,
            null);
    return new SpringVerifyLauncher().launch(definition);
  }

  /** What the manifest should list, computed here from the folder: path to entry, by path. */
  private static Map<String, FileEntry> filesOf(Path folder) throws Exception {
    Map<String, FileEntry> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String path = folder.relativize(file).toString().replace('\\', '/');
        if (!path.equals("manifest.json")) {
          byte[] content = Files.readAllBytes(file);
          files.put(
              path, new FileEntry(path, content.length, ManifestCheckerTests.sha256(content)));
        }
      }
    }
    return files;
  }
}
