package io.pgparity.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.job.VerifyLauncher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's options are checked before any server starts. */
class DemoCommandTests {

  private final VerifyLauncher unreachable =
      definition -> {
        throw new AssertionError("no verify run expected");
      };
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new DemoCommand(unreachable)
        .run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsUsageAndSucceeds() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--users=N").contains("--out=DIR");
  }

  @Test
  void rejectsAnUnknownOptionWithUsageExitCode() {
    assertThat(run("--user", "5")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown option '--user'")
        .contains("(did you mean '--users'?)");
  }

  @Test
  void rejectsAUserCountOutOfRangeNamingTheRange() {
    assertThat(run("--users=5")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("between 100 and 10000000 but was '5'");
    assertThat(run("--users", "many")).isEqualTo(2);
  }

  @Test
  void rejectsAnOptionWithoutValue() {
    assertThat(run("--out")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--out needs a value");
  }

  @Test
  void namesItself() {
    DemoCommand command = new DemoCommand(unreachable);
    assertThat(command.name()).isEqualTo("demo");
    assertThat(command.summary()).isNotBlank();
  }
}
