package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.JobFileLoader;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.VerifyLauncher;
import io.pgparity.verdict.Status;
import io.pgparity.version.Version;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliTests {

  private static final String[] ADHOC = {
    "verify",
    "--primary",
    "jdbc:postgresql://db1/app?user=checker",
    "--replica",
    "jdbc:postgresql://db2/app?user=checker",
    "--table",
    "public.users"
  };

  @TempDir Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<JobDefinition> launched = new ArrayList<>();

  @Test
  void helpListsTheCommandsAndTheExitCodes() {
    int code = cli(Status.CONSISTENT).run("--help");

    assertThat(code).isZero();
    assertThat(out())
        .contains("Usage: pgparity <command> [options]")
        .contains("verify  compare tables on a primary and a replica")
        .contains("0  consistent", "1  divergent", "2  usage or configuration error")
        .contains("3  runtime failure", "4  incomplete");
    assertThat(err()).isEmpty();
    assertThat(cli(Status.CONSISTENT).run("-h")).isZero();
  }

  @Test
  void noArgumentsPrintsUsageOnStderrAndFails() {
    int code = cli(Status.CONSISTENT).run();

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("Usage: pgparity <command> [options]");
    assertThat(out()).isEmpty();
  }

  @Test
  void versionComesFromTheFilteredResource() {
    int code = cli(Status.CONSISTENT).run("--version");

    assertThat(code).isZero();
    assertThat(Version.current()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(out()).isEqualTo("pgparity " + Version.current() + "\n");
  }

  @Test
  void anUnknownCommandIsOneLineNamingTheValidOnes() {
    int code = cli(Status.CONSISTENT).run("verfy", "--job", "x.yaml");

    assertThat(code).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "pgparity: unknown command 'verfy' (did you mean 'verify'?); valid commands: verify"
                + " (see pgparity --help)\n");
    assertThat(launched).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"CONSISTENT, 0", "DIVERGENT, 1", "INCOMPLETE, 4", "FAILED, 3"})
  void verifyMapsTheOutcomeToTheExitCodeAndPrintsTheVerdictLast(Status status, int expected) {
    int code = cli(status).run(ADHOC);

    assertThat(code).isEqualTo(expected);
    List<String> lines = out().lines().toList();
    assertThat(lines).last().isEqualTo("verdict: " + status);
    assertThat(launched).singleElement().satisfies(d -> assertThat(d.name()).isEqualTo("adhoc"));
  }

  @Test
  void aBadJobFileIsOneLineOnStderrWithoutAStackTrace() {
    int code =
        cli(Status.CONSISTENT).run("verify", "--job", "src/test/resources/jobs/unknown-key.yaml");

    assertThat(code).isEqualTo(2);
    assertThat(err())
        .startsWith("pgparity: src/test/resources/jobs/unknown-key.yaml:7: unknown key 'thread'")
        .endsWith("\n");
    assertThat(err().lines()).hasSize(1);
    assertThat(out()).isEmpty();
    assertThat(launched).isEmpty();
  }

  @Test
  void debugAddsTheStackTraceToAConfigurationError() {
    int code =
        cli(Status.CONSISTENT)
            .run("verify", "--debug", "--job", "src/test/resources/jobs/unknown-key.yaml");

    assertThat(code).isEqualTo(2);
    assertThat(err().lines().count()).isGreaterThan(1);
    assertThat(err()).contains("io.pgparity.config.ConfigException", "\tat ");
  }

  @Test
  void anUnexpectedLauncherExceptionIsOneLineAndExitCode3() {
    VerifyLauncher throwing =
        definition -> {
          throw new IllegalStateException("boom at jdbc:postgresql://db1/app?password=hunter2");
        };

    int code = cli(throwing).run(ADHOC);

    assertThat(code).isEqualTo(3);
    assertThat(err().lines()).hasSize(1);
    assertThat(err())
        .startsWith("pgparity: verify failed unexpectedly: java.lang.IllegalStateException: boom")
        .contains("password=***")
        .doesNotContain("hunter2");
  }

  @Test
  void verifyHelpPrintsItsOptions() {
    assertThat(cli(Status.CONSISTENT).run("verify", "--help")).isZero();
    assertThat(out())
        .contains("Usage: pgparity verify --job FILE")
        .contains("--threads=N", "--chunk-rows=N", "--max-divergences=N", "--job-repository=URL")
        .contains(
            "--no-lag-wait",
            "--max-wait=D",
            "(default 2m)",
            "--max-lag=SIZE",
            "--rechecks=N",
            "0-100 (default 3)",
            "--recheck-delay=D",
            "(default 1s)",
            "--rows-per-second=N",
            "--retries=N",
            "0-20 (default 3)");
    assertThat(launched).isEmpty();

    out.reset();
    assertThat(cli(Status.CONSISTENT).run("help", "verify")).isZero();
    assertThat(out()).contains("Usage: pgparity verify --job FILE");
  }

  @Test
  void aUsageMistakeInVerifyIsExitCode2() {
    int code = cli(Status.CONSISTENT).run("verify", "--threads", "many", "--job", "a.yaml");

    assertThat(code).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "pgparity: verify: --threads must be auto or an integer between 1 and 64 but was 'many'\n");
  }

  @Test
  void maxThreadsBesideANumberOfThreadsIsExitCode2AndLaunchesNothing() {
    int code =
        cli(Status.CONSISTENT)
            .run("verify", "--job", "a.yaml", "--threads", "4", "--max-threads", "8");

    assertThat(code).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "pgparity: verify: --max-threads 8 caps only --threads auto, but --threads 4 is given;"
                + " drop --max-threads or write --threads auto\n");
    assertThat(launched).isEmpty();
  }

  @Test
  void maxThreadsOutOfRangeIsExitCode2() {
    int code =
        cli(Status.CONSISTENT)
            .run("verify", "--job", "a.yaml", "--threads", "auto", "--max-threads", "65");

    assertThat(code).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "pgparity: verify: --max-threads must be an integer between 1 and 64 but was '65'\n");
    assertThat(launched).isEmpty();
  }

  @Test
  void aBadLiveOptionIsExitCode2AndLaunchesNothing() {
    int code = cli(Status.CONSISTENT).run("verify", "--job", "a.yaml", "--max-lag", "lots");

    assertThat(code).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "pgparity: verify: --max-lag must be a size like 512kB, 64MB, 1GB or a whole number"
                + " of bytes (0 = off) but was 'lots'\n");
    assertThat(launched).isEmpty();
  }

  private Cli cli(Status status) {
    return cli(definition -> new RunOutcome(status, null, "verdict: " + status));
  }

  private Cli cli(VerifyLauncher launcher) {
    VerifyLauncher recording =
        definition -> {
          launched.add(definition);
          return launcher.launch(definition);
        };
    JobDefinitionFactory factory =
        new JobDefinitionFactory(
            new JobFileLoader(), Map.of(), new PasswordResolver(Map.of(), home));
    return new Cli(
        List.of(new VerifyCommand(recording, factory)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
