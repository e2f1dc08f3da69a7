package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.verdict.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's --help is generated: its options and its exit codes; and the completion script
 * names them.
 */
class GeneratedHelpTests {

  @TempDir Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private List<Command> commands() {
    return List.of(
        new VerifyCommand(
            d -> {
              throw new AssertionError();
            }),
        new RepairCommand(),
        new EvidenceCommand(Map.of()),
        new AuditCommand(Map.of(), new PasswordResolver(Map.of(), home)),
        new MergeCommand(Map.of()));
  }

  private String run(String... args) {
    out.reset();
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertThat(new Cli(commands(), stream, stream).run(args)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyCommandsHelpListsItsOptionsAndItsExitCodes() {
    Cli cli = new Cli(commands(), System.out, System.err);
    for (Command command : commands()) {
      String help = run(command.name(), "--help");
      List<String> options =
          UsageMessages.validOptions(
              cli.commandLine().getSubcommands().get(command.name()).getCommandSpec());
      assertThat(options).as(command.name()).contains("--help");
      assertThat(help).as(command.name()).contains(options).contains("Exit codes:");
      command
          .exitCodes()
          .forEach(
              (code, meaning) ->
                  assertThat(help)
                      .as(command.name())
                      .contains(
                          "  "
                              + code.code()
                              + "  "
                              + meaning.substring(0, Math.min(10, meaning.length()))));
    }
  }

  @Test
  void theRootListsEveryExitCode() {
    String help = run("--help");
    for (ExitCode code : ExitCode.values()) {
      assertThat(help)
          .contains("  " + code.code() + "  " + ExitCodeHelp.meaning(code).substring(0, 10));
    }
  }

  @Test
  void theCompletionScriptNamesTheCommandsAndTheirOptions() {
    String script = run(Cli.COMPLETION);
    assertThat(script)
        .contains("pgparity", "verify", "repair", "merge", "--table", "--max-lag", "--newest-in");
    assertThat(run("--help")).doesNotContain(Cli.COMPLETION + "  ");
  }
}
