package io.pgparity.cli;

import io.pgparity.config.ConfigException;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.connect.ServerPair;
import io.pgparity.connect.Side;
import io.pgparity.failure.CompareException;
import io.pgparity.repair.ApplyResult;
import io.pgparity.repair.RepairApplier;
import io.pgparity.repair.RepairBuild;
import io.pgparity.repair.RepairInput;
import io.pgparity.repair.RepairMessages;
import io.pgparity.repair.RepairOptions;
import io.pgparity.repair.RepairRun;
import io.pgparity.repair.RepairScript;
import io.pgparity.repair.RepairSqlBuilder;
import io.pgparity.repair.RepairSqlWriter;
import io.pgparity.repair.RepairTarget;
import io.pgparity.repair.RunFolderJob;
import io.pgparity.repair.TableNames;
import io.pgparity.repair.TargetConnection;
import io.pgparity.report.DivergenceWriter;
import io.pgparity.table.TableRef;
import io.pgparity.verdict.ExitCode;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pgparity repair RUN_FOLDER}: (re)builds the run's repair.sql, or with {@code --apply}
 * applies it to the target (building it first if the folder has none). The last line printed is the
 * result.
 */
@CommandLine.Command(
    name = "repair",
    description =
        "build a run's repair.sql (guarded statements that fix the divergent rows) or apply it",
    customSynopsis = {
      "pgparity repair RUN_FOLDER [--target replica|primary] [--no-triggers]",
      "       pgparity repair RUN_FOLDER --apply [--batch-size N]"
    },
    sortOptions = false,
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {"Passwords: PGPARITY_PRIMARY_PASSWORD / PGPARITY_REPLICA_PASSWORD, else ~/.pgpass."})
public final class RepairCommand extends AbstractCommand {

  /** The largest --batch-size: a transaction of more statements is one transaction anyway. */
  public static final int MAX_BATCH_SIZE = 1_000_000;

  private static final String SEE_HELP = " (see pgparity repair --help)";

  private final Map<String, String> env;
  private final PasswordResolver passwords;

  @Parameters(
      paramLabel = "RUN_FOLDER",
      arity = "0..1",
      description = {
        "the run folder verify printed. Builds RUN_FOLDER/repair.sql: one guarded statement per divergent row"
            + " (INSERT missing rows, DELETE extra rows, UPDATE only the differing columns) that makes the"
            + " target's rows equal to the other side's, re-read now. A statement changes nothing unless the target"
            + " row still holds the values verify saw. The file holds real data and is readable by its owner"
            + " only. With --apply, runs the folder's repair.sql as it is (build and review it first; if there is"
            + " none it is built) on its target, and counts rows applied and skipped as stale."
      })
  private Path folder;

  @Option(
      names = "--target",
      paramLabel = "T",
      converter = TargetValue.class,
      description =
          "the side to write:"
              + " replica (default; the primary is the source of truth) or primary (after a failover: lost writes go back"
              + " to the new primary)")
  @Example("--target primary")
  private RepairTarget target;

  @Option(
      names = "--no-triggers",
      arity = "0",
      description =
          "triggers on the target do not fire"
              + " (session_replication_role = replica; this also skips foreign-key checks and needs a superuser)")
  private boolean noTriggers;

  @Option(
      names = "--apply",
      arity = "0",
      description = "apply repair.sql; refuses a hot standby in recovery")
  private boolean apply;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "commit every N statements (default: one transaction), 1-" + MAX_BATCH_SIZE)
  @Range(min = 1, max = MAX_BATCH_SIZE)
  @Example("--batch-size 1000")
  private Integer batchSize;

  @Option(
      names = "--primary",
      paramLabel = "URL",
      description = "the primary's jdbc:postgresql: url instead of" + " job.json's")
  @Example("--primary 'jdbc:postgresql://host:5432/app?user=repairer'")
  private String primaryUrl;

  @Option(
      names = "--replica",
      paramLabel = "URL",
      description = "the replica's url instead of job.json's (e.g. a" + " role that may write)")
  @Example("--replica 'jdbc:postgresql://host:5432/app?user=repairer'")
  private String replicaUrl;

  @Option(names = "--debug", arity = "0", description = "show stack traces of errors")
  private boolean debug;

  @CommandLine.Mixin private HelpOption help;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  public RepairCommand() {
    this(System.getenv(), PasswordResolver.forCurrentUser());
  }

  /** For tests: a given environment (PGPARITY_*_PASSWORD) and password file. */
  public RepairCommand(Map<String, String> env, PasswordResolver passwords) {
    this.env = Map.copyOf(env);
    this.passwords = passwords;
  }

  @Override
  public Map<ExitCode, String> exitCodes() {
    return ExitCodeHelp.of(
        Map.of(
            ExitCode.CONSISTENT, "repair.sql written, or every statement applied",
            ExitCode.USAGE,
                "usage or configuration error (no run folder, repair.sql for another target, the target"
                    + " is a hot standby)",
            ExitCode.RUNTIME_FAILURE,
                "runtime failure (connection, permission, a statement failed: its transaction"
                    + " is rolled back)",
            ExitCode.INCOMPLETE,
                "incomplete: some statements were skipped as stale (the target row changed after"
                    + " verify): verify again"));
  }

  /**
   * The options as {@code pgparity repair} reads and checks them.
   *
   * @throws ConfigException with the one line repair would print after "pgparity: "
   */
  static RepairOptions parse(List<String> args) {
    RepairCommand command = new RepairCommand(Map.of(), PasswordResolver.forCurrentUser());
    if (Cli.parse(command, args)) {
      return RepairOptions.helpOnly();
    }
    return command.options();
  }

  /** The options given, checked against each other and for the run folder first. */
  private RepairOptions options() {
    List<CommandLine.Model.ArgSpec> matched = spec.commandLine().getParseResult().matchedArgs();
    if (folder == null || !matched.get(0).isPositional()) {
      throw new ConfigException(
          "repair: give the run folder verify printed first, e.g. pgparity repair"
              + " reports/adhoc/20261125T120000Z-1a2b --apply"
              + SEE_HELP);
    }
    if (batchSize != null && !apply) {
      throw new ConfigException(
          "repair: --batch-size only applies with --apply; add --apply or leave it out");
    }
    return new RepairOptions(
        folder,
        target,
        noTriggers,
        apply,
        batchSize == null ? 0 : batchSize,
        url(primaryUrl, "--primary"),
        url(replicaUrl, "--replica"),
        debug,
        false);
  }

  @Override
  public Integer call() {
    try {
      RepairOptions options = options();
      RunFolderJob job = RunFolderJob.read(options.folder());
      Path sql = options.folder().resolve(RepairSqlWriter.FILE_NAME);
      if (!options.apply() || !Files.exists(sql)) {
        RepairBuild build = build(job, options);
        out.println(RepairMessages.written(build, options.folder(), options.apply()));
        if (!options.apply()) {
          return ExitCode.CONSISTENT.code();
        }
      }
      return apply(job, options, sql, out);
    } catch (ConfigException e) {
      return fail(err, e.getMessage(), e, debug, ExitCode.USAGE);
    } catch (CompareException | UncheckedIOException | RepairApplier.ApplyException e) {
      return fail(err, "repair: " + e.getMessage(), e, debug, ExitCode.RUNTIME_FAILURE);
    } catch (RuntimeException e) {
      return fail(
          err,
          "repair failed unexpectedly: "
              + PasswordResolver.redact(String.valueOf(e))
              + (debug ? "" : "; re-run with --debug for the stack trace"),
          e,
          debug,
          ExitCode.RUNTIME_FAILURE);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static String url(String value, String option) {
    if (value == null) {
      return null;
    }
    if (!value.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(
          "repair: "
              + option
              + " must be a jdbc:postgresql: url but was '"
              + PasswordResolver.redact(value)
              + "'; e.g. "
              + option
              + " 'jdbc:postgresql://host:5432/app?user=repairer'");
    }
    if (PasswordResolver.hasPasswordParameter(value)) {
      throw new ConfigException(
          "repair: "
              + option
              + " must not contain password=; put the password in ~/.pgpass"
              + " or in PGPARITY_"
              + option.substring(2).toUpperCase(Locale.ROOT)
              + "_PASSWORD");
    }
    return value;
  }

  /** replica or primary, in any case. */
  public static final class TargetValue implements CommandLine.ITypeConverter<RepairTarget> {
    @Override
    public RepairTarget convert(String value) {
      if (value.isBlank()) {
        throw new CommandLine.TypeConversionException("needs a value");
      }
      Optional<RepairTarget> target = RepairTarget.parse(value);
      return target.orElseThrow(
          () ->
              new CommandLine.TypeConversionException(
                  "must be replica or primary but was '"
                      + value
                      + "'; e.g. --target primary after a failover"));
    }
  }

  private RepairBuild build(RunFolderJob job, RepairOptions options) {
    RepairTarget target = options.targetOrDefault();
    ConnectionSpec primary =
        connection(
            Side.PRIMARY, options.primaryUrl() != null ? options.primaryUrl() : job.primaryUrl());
    ConnectionSpec replica =
        connection(
            Side.REPLICA, options.replicaUrl() != null ? options.replicaUrl() : job.replicaUrl());
    List<TableSpec> provisional =
        job.tables().stream().map(t -> TableSpec.of(TableNames.firstDot(t))).distinct().toList();
    JobDefinition definition =
        new JobDefinition(
            job.name(), primary, replica, provisional, Tuning.defaults(), options.folder(), null);
    try (ServerPair pair = ServerPair.open(definition)) {
      List<TableRef> tables =
          pair.on(target.side(), "read table names", (c, s) -> TableNames.resolve(c, job.tables()));
      RepairRun run =
          new RepairRun(
              options.folder(), job.name(), job.runId(), primary.url(), replica.url(), tables);
      Path unmasked = options.folder().resolve(RepairInput.FILE_NAME);
      Path input =
          Files.exists(unmasked) ? unmasked : options.folder().resolve(DivergenceWriter.JSONL_FILE);
      return new RepairSqlBuilder(pair, target, !options.noTriggers()).build(run, input);
    }
  }

  private int apply(RunFolderJob job, RepairOptions options, Path sql, PrintStream out)
      throws RepairApplier.ApplyException {
    try (RepairScript script = RepairScript.open(sql)) {
      RepairTarget target = script.target();
      if (options.target() != null && options.target() != target) {
        throw new ConfigException(
            "repair: "
                + sql
                + " is for the "
                + target.label()
                + ", not the "
                + options.target().label()
                + "; build it for the "
                + options.target().label()
                + " first (pgparity repair "
                + options.folder()
                + " --target "
                + options.target().label()
                + "), review it, then --apply");
      }
      if (options.noTriggers() && script.triggers()) {
        throw new ConfigException(
            "repair: "
                + sql
                + " was built with triggers on; rebuild it with --no-triggers"
                + " (pgparity repair "
                + options.folder()
                + " --no-triggers), review it, then --apply");
      }
      String url =
          target == RepairTarget.REPLICA
              ? (options.replicaUrl() != null ? options.replicaUrl() : job.replicaUrl())
              : (options.primaryUrl() != null ? options.primaryUrl() : job.primaryUrl());
      try (Connection connection = TargetConnection.open(target, connection(target.side(), url))) {
        if (TargetConnection.inRecovery(connection)) {
          throw new ConfigException(RepairMessages.standby(target, url, options.folder()));
        }
        ApplyResult result = new RepairApplier(options.batchSize()).apply(connection, script);
        out.println(RepairMessages.applied(result));
        return result.complete() ? ExitCode.CONSISTENT.code() : ExitCode.INCOMPLETE.code();
      } catch (SQLException e) {
        throw new CompareException(
            "cannot check whether the " + target.label() + " is in recovery: " + e.getMessage(), e);
      }
    }
  }

  /**
   * The URL with its password: PGPARITY_PRIMARY_PASSWORD / PGPARITY_REPLICA_PASSWORD, else
   * ~/.pgpass.
   */
  private ConnectionSpec connection(Side side, String url) {
    String password = env.get("PGPARITY_" + side.name().toUpperCase(Locale.ROOT) + "_PASSWORD");
    if (password != null && !password.isEmpty()) {
      return new ConnectionSpec(url, password);
    }
    return passwords.resolve(new ConnectionSpec(url, null));
  }

  private static int fail(
      PrintStream err, String message, Exception e, boolean debug, ExitCode code) {
    err.println("pgparity: " + message);
    if (debug) {
      e.printStackTrace(err);
    }
    return code.code();
  }
}
