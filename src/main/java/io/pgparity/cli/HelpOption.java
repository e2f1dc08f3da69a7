package io.pgparity.cli;

import picocli.CommandLine.Option;

/** The {@code --help} option of a command, as a picocli mixin: one wording for every command. */
public final class HelpOption {

  @Option(
      names = {"--help", "-h"},
      usageHelp = true,
      description = "this text")
  private boolean help;
}
