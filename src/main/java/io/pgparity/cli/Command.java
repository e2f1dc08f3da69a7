package io.pgparity.cli;

import io.pgparity.verdict.ExitCode;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * One pgparity sub-command (verify, demo, bench, ...): a picocli {@link CommandLine.Command} whose
 * {@link #call()} returns its process exit code (see {@link ExitCode}).
 */
public interface Command extends Callable<Integer> {

  /**
   * Where the command prints: results on {@code out}, messages on {@code err}; set before it runs.
   */
  void printTo(PrintStream out, PrintStream err);

  /**
   * The exit codes the command returns, each with what it means for this command (its --help lists
   * them).
   */
  Map<ExitCode, String> exitCodes();

  /** The word users type, e.g. {@code verify}. */
  default String name() {
    return getClass().getAnnotation(CommandLine.Command.class).name();
  }

  /** One line for the command list in {@code pgparity --help}. */
  default String summary() {
    return getClass().getAnnotation(CommandLine.Command.class).description()[0];
  }

  /**
   * Runs the command alone on {@code args}, as {@code pgparity <name> args...} would; returns the
   * exit code.
   */
  default int run(List<String> args, PrintStream out, PrintStream err) {
    return Cli.runAlone(this, args, out, err);
  }
}
