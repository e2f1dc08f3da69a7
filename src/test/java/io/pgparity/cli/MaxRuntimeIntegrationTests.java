package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.JobFileLoader;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** --max-runtime: a run whose budget is spent stops starting work, reports and exits 4. */
class MaxRuntimeIntegrationTests {

  @TempDir Path dir;

  @Test
  void spentBudgetLeavesUnfinishedTablesIncompleteWithTheNoteAndExits4() throws Exception {
    EmbeddedPair pair = TestServers.pair();
    String schema = TestServers.uniqueSchema("max_runtime");
    StringBuilder ddl = new StringBuilder();
    StringBuilder tables = new StringBuilder();
    for (int t = 1; t <= 4; t++) {
      ddl.append("CREATE TABLE ")
          .append(schema)
          .append(".t")
          .append(t)
          .append(" (id int PRIMARY KEY, v text); INSERT INTO ")
          .append(schema)
          .append(".t")
          .append(t)
          .append(" SELECT i, 'v' || i FROM generate_series(1, 30) i;");
      // each row sleeps while it is read: hashing a table takes about 1.5 s per side
      tables
          .append("  - table: ")
          .append(schema)
          .append(".t")
          .append(t)
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

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    VerifyCommand verify =
        new VerifyCommand(
            new SpringVerifyLauncher(),
            new JobDefinitionFactory(
                new JobFileLoader(), Map.of(), new PasswordResolver(Map.of(), dir)));
    int code =
        verify.run(
            List.of(
                "--job",
                job.toString(),
                "--out",
                dir.resolve("out").toString(),
                "--max-runtime",
                "2s"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code)
        .as("stdout: %s%nstderr: %s", printed, err)
        .isEqualTo(ExitCode.INCOMPLETE.code());
    assertThat(printed.strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("INCOMPLETE");
    Path runFolder;
    try (var folders = Files.list(dir.resolve("out").resolve("slow"))) {
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
    // at least the later tables were never started within 2 s of a run that needs about 12 s
    assertThat(notes)
        .isNotEmpty()
        .allSatisfy(note -> assertThat(note).isEqualTo("max-runtime 2s reached; run again"));
    assertThat(dir.resolve("out").resolve("slow").resolve(".lock")).exists();
  }
}
