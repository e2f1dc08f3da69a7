package io.pgparity;

import io.pgparity.bench.BenchCommand;
import io.pgparity.cli.AuditCommand;
import io.pgparity.cli.Cli;
import io.pgparity.cli.Command;
import io.pgparity.cli.EvidenceCommand;
import io.pgparity.cli.LogFormat;
import io.pgparity.cli.MergeCommand;
import io.pgparity.cli.RepairCommand;
import io.pgparity.cli.VerifyCommand;
import io.pgparity.config.ConfigException;
import io.pgparity.demo.DemoCommand;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.job.VerifyLauncher;
import io.pgparity.terminal.LiveLine;
import io.pgparity.verdict.ExitCode;
import java.util.List;

/**
 * pgparity's entry point. The command line is parsed before any Spring context exists, so {@code
 * --help} and usage errors are instant; each verify run gets its own context.
 */
public class PgParityApplication {

  public static void main(String[] args) {
    List<String> rest;
    try {
      // before the first logger exists: logback.xml reads the format when it is loaded
      rest = LogFormat.select(args, System.getenv());
    } catch (ConfigException e) {
      System.err.println("pgparity: " + e.getMessage());
      System.exit(ExitCode.USAGE.code());
      return;
    }
    // before the streams are handed out: on a terminal they erase the live progress line first
    LiveLine.install(System.getenv(), !"json".equals(System.getProperty(LogFormat.PROPERTY)));
    Cli cli = new Cli(commands(new SpringVerifyLauncher()), System.out, System.err);
    System.exit(cli.run(rest.toArray(String[]::new)));
  }

  /**
   * Every command, in the order of {@code pgparity --help}; verify runs go through {@code
   * launcher}.
   */
  static List<Command> commands(VerifyLauncher launcher) {
    return List.of(
        new VerifyCommand(launcher),
        new DemoCommand(launcher),
        new BenchCommand(launcher),
        new RepairCommand(),
        new EvidenceCommand(),
        new AuditCommand(),
        new MergeCommand());
  }
}
