package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.JobFileLoader;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.job.RunOutcome;
import io.pgparity.verdict.ExitCode;
import io.pgparity.verdict.Status;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Verify's exit code with the replication audit: the data verdict first, 6 only for consistent
 * data.
 */
class AuditExitCodeTests {

  @TempDir Path home;

  @ParameterizedTest
  @CsvSource({
    "CONSISTENT, 0, 0",
    "CONSISTENT, 2, 6",
    "DIVERGENT, 0, 1",
    "DIVERGENT, 2, 1",
    "INCOMPLETE, 2, 4",
    "FAILED, 2, 3"
  })
  void theDataVerdictComesFirst(Status status, int findings, int expected) {
    assertThat(ExitCode.of(status, findings).code()).isEqualTo(expected);
  }

  @Test
  void verifyExitsSixWithConsistentDataAndAuditFindingsAndPassesTheJobsExpectations()
      throws Exception {
    Path job =
        Files.writeString(
            home.resolve("job.yaml"),
            """
        name: auth
        primary: { url: 'jdbc:postgresql://db1:5432/app?user=checker' }
        replica: { url: 'jdbc:postgresql://db2:5432/app?user=checker' }
        tables: [public.users]
        expect: {synchronous_commit: remote_apply}
        """);
    List<JobDefinition> launched = new ArrayList<>();
    VerifyCommand command =
        new VerifyCommand(
            definition -> {
              launched.add(definition);
              return new RunOutcome(
                  Status.CONSISTENT, null, "CONSISTENT (1 audit finding: ...): 1 table", 1);
            },
            new JobDefinitionFactory(
                new JobFileLoader(), Map.of(), new PasswordResolver(Map.of(), home)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code =
        command.run(
            List.of("--job", job.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(6);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("CONSISTENT (1 audit finding");
    assertThat(launched)
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.expect())
                    .containsExactly(Map.entry("synchronous_commit", "remote_apply")));
  }
}
