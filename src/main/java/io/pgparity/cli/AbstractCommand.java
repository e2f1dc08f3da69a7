package io.pgparity.cli;

import java.io.PrintStream;

/**
 * What every command shares: where it prints (set by {@link Cli} before it runs; the process's
 * streams until then). Options stay on each command, so its --help is its own.
 */
public abstract class AbstractCommand implements Command {

  /** Results, and the verdict as the last line scripts read. */
  protected PrintStream out = System.out;

  /** Messages: errors, warnings, progress. */
  protected PrintStream err = System.err;

  @Override
  public final void printTo(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }
}
