package io.pgparity.cli;

import io.pgparity.version.Version;

import io.pgparity.verdict.ExitCode;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.config.ConfigException;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.config.Spelling;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code pgparity} front end: dispatches to a command by its name, prints usage and version,
 * and turns every mistake into one line on stderr with exit code 2.
 */
public final class Cli {

  private final Map<String, Command> commands = new LinkedHashMap<>();
  private final PrintStream out;
  private final PrintStream err;

  public Cli(List<Command> commands, PrintStream out, PrintStream err) {
    for (Command command : commands) {
      checkArgument(
          this.commands.putIfAbsent(command.name(), command) == null,
          "two commands are named %s",
          command.name());
    }
    this.out = out;
    this.err = err;
  }

  /** Runs the command line and returns the process exit code. */
  public int run(String... args) {
    try {
      return dispatch(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int dispatch(String... args) {
    if (args.length == 0) {
      err.print(usage());
      return ExitCode.USAGE.code();
    }
    String first = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    switch (first) {
      case "--help", "-h" -> {
        out.print(usage());
        return ExitCode.CONSISTENT.code();
      }
      case "--version" -> {
        out.println("pgparity " + Version.current());
        return ExitCode.CONSISTENT.code();
      }
      case "help" -> {
        if (rest.isEmpty()) {
          out.print(usage());
          return ExitCode.CONSISTENT.code();
        }
        return dispatch(rest.get(0), "--help");
      }
      default -> {
        Command command = commands.get(first);
        if (command == null) {
          err.println("pgparity: " + unknown(first));
          return ExitCode.USAGE.code();
        }
        return runCommand(command, rest);
      }
    }
  }

  private int runCommand(Command command, List<String> args) {
    try {
      return command.run(List.copyOf(args), out, err);
    } catch (ConfigException e) {
      // commands report their own mistakes; this is the safety net for ones that let them escape
      err.println("pgparity: " + e.getMessage());
      return ExitCode.USAGE.code();
    } catch (RuntimeException e) {
      err.println(
          "pgparity: "
              + command.name()
              + " failed unexpectedly: "
              + PasswordResolver.redact(String.valueOf(e)));
      return ExitCode.RUNTIME_FAILURE.code();
    }
  }

  private String unknown(String word) {
    String valid = String.join(", ", commands.keySet());
    if (word.startsWith("-")) {
      return "unknown option '" + word + "'; use --help, --version or a command: " + valid;
    }
    return "unknown command '"
        + word
        + "'"
        + Spelling.hint(word, commands.keySet())
        + "; valid commands: "
        + valid
        + " (see pgparity --help)";
  }

  /** The text of {@code pgparity --help}. */
  String usage() {
    int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
    StringBuilder text = new StringBuilder();
    text.append("Usage: pgparity <command> [options]\n")
        .append("       pgparity --help | --version\n\n")
        .append("Proves a PostgreSQL replica holds the same rows as its primary, and says where")
        .append(" it does not.\n\nCommands:\n");
    for (Command command : commands.values()) {
      text.append("  ")
          .append(String.format("%-" + width + "s", command.name()))
          .append("  ")
          .append(command.summary())
          .append('\n');
    }
    return text.append("\nRun 'pgparity <command> --help' for the options of a command.\n\n")
        .append("Exit codes:\n")
        .append("  0  consistent: every compared row is identical on both sides\n")
        .append("  1  divergent: at least one row differs; the run folder lists them\n")
        .append("  2  usage or configuration error: fix the command line or the job file\n")
        .append("  3  runtime failure: a connection, permission or query failed\n")
        .append("  4  incomplete: a table stopped early at max-divergences; not every row was\n")
        .append("     examined\n")
        .append("  6  audit findings: the replication audit (pgparity audit, and verify when the\n")
        .append("     data is consistent) found a replication or settings problem\n")
        .toString();
  }
}
