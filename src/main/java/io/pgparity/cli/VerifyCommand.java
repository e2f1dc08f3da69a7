package io.pgparity.cli;

import io.pgparity.config.ConfigException;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.guard.AlreadyRunningException;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.job.VerifyLauncher;
import io.pgparity.verdict.ExitCode;
import java.util.Map;
import picocli.CommandLine;

/** {@code pgparity verify}: builds the job definition, runs it and prints the verdict last. */
@CommandLine.Command(
    name = "verify",
    description = "compare tables on a primary and a replica and report the rows that differ",
    customSynopsis = {
      "pgparity verify --job FILE [overrides]",
      "       pgparity verify --primary URL --replica URL --table SCHEMA.TABLE... [options]"
    },
    resourceBundle = "io.pgparity.cli.VerifyHelpValues",
    sortOptions = false,
    headerHeading = "%n",
    descriptionHeading = "%n",
    optionListHeading = "%nOptions (on the command line they override the job file):%n",
    footerHeading = "%n",
    footer = {
      "D is a duration: 500ms, 30s, 2m, 1h or a whole number of seconds.",
      "--log-format text|json (any command; or PGPARITY_LOG_FORMAT=json): json writes one JSON object per stderr"
          + " log line.",
      "Passwords never come from the command line: put them in ~/.pgpass (or $PGPASSFILE), or reference an"
          + " environment variable in the job file: password: $${PRIMARY_PASSWORD}.",
      "Every run also audits replication and the durability settings (the job's expect:, see pgparity audit"
          + " --help); its findings are in the report."
    })
public final class VerifyCommand extends AbstractCommand {

  private final VerifyLauncher launcher;
  private final JobDefinitionFactory factory;

  @CommandLine.Mixin private VerifyOptions options = new VerifyOptions();

  public VerifyCommand(VerifyLauncher launcher) {
    this(launcher, JobDefinitionFactory.forCurrentUser());
  }

  /** For tests: a factory with a given environment and password file. */
  public VerifyCommand(VerifyLauncher launcher, JobDefinitionFactory factory) {
    this.launcher = launcher;
    this.factory = factory;
  }

  @Override
  public Map<ExitCode, String> exitCodes() {
    return ExitCodeHelp.of(
        Map.of(
            ExitCode.INCOMPLETE,
            "incomplete: a table stopped early at --max-divergences, or --max-runtime or SIGTERM"
                + " stopped the run; not every row was examined",
            ExitCode.AUDIT_FINDINGS,
            "consistent data but replication audit findings"),
        ExitCode.values());
  }

  /** The options of the last parse. */
  VerifyOptions options() {
    return options;
  }

  @Override
  public Integer call() {
    boolean debug = options.debug();
    try {
      options.check();
      if (debug) {
        System.setProperty(SpringVerifyLauncher.DEBUG_PROPERTY, "true");
      }
      JobDefinition definition = AutoThreads.resolve(factory.build(options));
      RunOutcome outcome =
          launcher.launch(
              definition,
              options.repairSql(),
              options.fresh() ? VerifyLauncher.Resume.FRESH : VerifyLauncher.Resume.AUTO);
      // scripts read the last line: nothing may be printed on out after the verdict
      out.println(outcome.verdict());
      return ExitCode.of(outcome.status(), outcome.auditFindings()).code();
    } catch (AlreadyRunningException e) {
      err.println("pgparity: " + e.getMessage());
      return ExitCode.ALREADY_RUNNING.code();
    } catch (ConfigException e) {
      err.println("pgparity: " + e.getMessage());
      if (debug) {
        e.printStackTrace(err);
      }
      return ExitCode.USAGE.code();
    } catch (RuntimeException e) {
      err.println(
          "pgparity: verify failed unexpectedly: "
              + PasswordResolver.redact(String.valueOf(e))
              + (debug ? "" : "; re-run with --debug for the stack trace"));
      if (debug) {
        e.printStackTrace(err);
      }
      return ExitCode.RUNTIME_FAILURE.code();
    } finally {
      out.flush();
      err.flush();
    }
  }
}
