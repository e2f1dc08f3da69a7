package io.pgparity.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.job.RunOutcome;
import io.pgparity.table.TableRef;
import io.pgparity.verdict.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's own pair, load and incident, with a stand-in launcher that looks at the servers while
 * they run; the real verify run is the lead's end-to-end test.
 */
class DemoCommandIntegrationTests {

  @TempDir Path out;

  @Test
  void runsTheIncidentHandsVerifyBothServersAndStopsThem() {
    List<JobDefinition> launched = new ArrayList<>();
    List<String> replicaCounts = new ArrayList<>();
    DemoCommand command =
        new DemoCommand(
            definition -> {
              launched.add(definition);
              replicaCounts.add(
                  count(definition.replica().url()) + " vs " + count(definition.primary().url()));
              return new RunOutcome(
                  Status.DIVERGENT, out.resolve("demo-1"), "DIVERGENT: stand-in verdict");
            });
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    int exit =
        command.run(
            List.of("--users", "1000", "--out", out.toString()),
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));

    assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(exit).isEqualTo(1);
    List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0)).isEqualTo("Starting primary and replica\u2026");
    assertThat(lines)
        .contains("Loading 1000 users and 3000 sessions\u2026", "Running verify\u2026");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("DIVERGENT: stand-in verdict");

    JobDefinition definition = launched.get(0);
    assertThat(definition.name()).isEqualTo("demo");
    assertThat(definition.out()).isEqualTo(out);
    assertThat(definition.jobRepositoryUrl()).isNull();
    assertThat(definition.tables())
        .containsExactly(
            TableSpec.of(TableRef.parse("public.users")),
            TableSpec.of(TableRef.parse("public.sessions")));
    // while verify runs, the stalled replica lacks the primary's new sessions
    assertThat(replicaCounts)
        .singleElement()
        .satisfies(counts -> assertThat(counts).startsWith("1000/").doesNotMatch("(.*) vs \\1"));
    assertThat(definition.primary().url()).isNotEqualTo(definition.replica().url());

    try (var connection = DriverManager.getConnection(definition.primary().url())) {
      throw new AssertionError(
          "the primary still accepts connections after the demo: " + connection);
    } catch (SQLException expected) {
      assertThat(expected.getMessage()).containsIgnoringCase("connection");
    }
  }

  private static String count(String url) {
    try (var connection = DriverManager.getConnection(url);
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT (SELECT count(*) FROM public.users) || '/' || (SELECT count(*) FROM"
                    + " public.sessions)")) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new AssertionError(url + ": " + e.getMessage(), e);
    }
  }
}
