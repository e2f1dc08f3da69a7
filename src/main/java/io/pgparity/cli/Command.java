package io.pgparity.cli;

import io.pgparity.verdict.ExitCode;

import java.io.PrintStream;
import java.util.List;

/** One pgparity sub-command (verify, demo, bench, ...), run with the arguments after its name. */
public interface Command {

  /** The word users type, e.g. {@code verify}. */
  String name();

  /** One line for the command list in {@code pgparity --help}. */
  String summary();

  /** Runs the command and returns its process exit code (see {@link ExitCode}). */
  int run(List<String> args, PrintStream out, PrintStream err);
}
