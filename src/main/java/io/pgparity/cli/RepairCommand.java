package io.pgparity.cli;

import io.pgparity.repair.RepairSqlBuilder;
import io.pgparity.repair.RepairRun;
import io.pgparity.repair.RepairOptions;
import io.pgparity.repair.RepairMessages;
import io.pgparity.repair.ApplyResult;
import io.pgparity.repair.RepairTarget;
import io.pgparity.repair.RepairInput;
import io.pgparity.repair.RepairSqlWriter;
import io.pgparity.repair.RepairScript;
import io.pgparity.repair.TargetConnection;
import io.pgparity.repair.TableNames;
import io.pgparity.repair.RepairBuild;
import io.pgparity.repair.RepairApplier;
import io.pgparity.repair.RunJob;

import io.pgparity.table.TableRef;
import io.pgparity.cli.Command;
import io.pgparity.verdict.ExitCode;
import io.pgparity.failure.CompareException;
import io.pgparity.config.ConfigException;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.connect.ServerPair;
import io.pgparity.connect.Side;
import io.pgparity.report.DivergenceWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code pgparity repair RUN_FOLDER}: (re)builds the run's repair.sql, or with {@code --apply}
 * applies it to the target (building it first if the folder has none). The last line printed is
 * the result.
 */
public final class RepairCommand implements Command {

  private final Map<String, String> env;
  private final PasswordResolver passwords;

  public RepairCommand() {
    this(System.getenv(), PasswordResolver.forCurrentUser());
  }

  /** For tests: a given environment (PGPARITY_*_PASSWORD) and password file. */
  public RepairCommand(Map<String, String> env, PasswordResolver passwords) {
    this.env = Map.copyOf(env);
    this.passwords = passwords;
  }

  @Override
  public String name() {
    return "repair";
  }

  @Override
  public String summary() {
    return "build a run's repair.sql (guarded statements that fix the divergent rows) or apply it";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    boolean debug = args.contains("--debug");
    try {
      RepairOptions options = RepairOptionsParser.parse(args);
      if (options.help()) {
        out.print(usage());
        return ExitCode.CONSISTENT.code();
      }
      RunJob job = RunJob.read(options.folder());
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
      return fail(err, "repair failed unexpectedly: " + PasswordResolver.redact(String.valueOf(e))
          + (debug ? "" : "; re-run with --debug for the stack trace"), e, debug, ExitCode.RUNTIME_FAILURE);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private RepairBuild build(RunJob job, RepairOptions options) {
    RepairTarget target = options.targetOrDefault();
    ConnectionSpec primary = connection(Side.PRIMARY, options.primaryUrl() != null ? options.primaryUrl() : job.primaryUrl());
    ConnectionSpec replica = connection(Side.REPLICA, options.replicaUrl() != null ? options.replicaUrl() : job.replicaUrl());
    List<TableSpec> provisional = job.tables().stream().map(t -> TableSpec.of(TableNames.firstDot(t))).distinct().toList();
    JobDefinition definition = new JobDefinition(job.name(), primary, replica, provisional,
        Tuning.defaults(), options.folder(), null);
    try (ServerPair pair = ServerPair.open(definition)) {
      List<TableRef> tables = pair.on(target.side(), "read table names", (c, s) -> TableNames.resolve(c, job.tables()));
      RepairRun run = new RepairRun(options.folder(), job.name(), job.runId(), primary.url(), replica.url(), tables);
      Path unmasked = options.folder().resolve(RepairInput.FILE_NAME);
      Path input = Files.exists(unmasked) ? unmasked : options.folder().resolve(DivergenceWriter.JSONL_FILE);
      return new RepairSqlBuilder(pair, target, !options.noTriggers()).build(run, input);
    }
  }

  private int apply(RunJob job, RepairOptions options, Path sql, PrintStream out) throws RepairApplier.ApplyException {
    try (RepairScript script = RepairScript.open(sql)) {
      RepairTarget target = script.target();
      if (options.target() != null && options.target() != target) {
        throw new ConfigException("repair: " + sql + " is for the " + target.label() + ", not the "
            + options.target().label() + "; build it for the " + options.target().label() + " first (pgparity repair "
            + options.folder() + " --target " + options.target().label() + "), review it, then --apply");
      }
      if (options.noTriggers() && script.triggers()) {
        throw new ConfigException("repair: " + sql + " was built with triggers on; rebuild it with --no-triggers"
            + " (pgparity repair " + options.folder() + " --no-triggers), review it, then --apply");
      }
      String url = target == RepairTarget.REPLICA
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
        throw new CompareException("cannot check whether the " + target.label() + " is in recovery: " + e.getMessage(), e);
      }
    }
  }

  /** The URL with its password: PGPARITY_PRIMARY_PASSWORD / PGPARITY_REPLICA_PASSWORD, else ~/.pgpass. */
  private ConnectionSpec connection(Side side, String url) {
    String password = env.get("PGPARITY_" + side.name().toUpperCase(Locale.ROOT) + "_PASSWORD");
    if (password != null && !password.isEmpty()) {
      return new ConnectionSpec(url, password);
    }
    return passwords.resolve(new ConnectionSpec(url, null));
  }

  private static int fail(PrintStream err, String message, Exception e, boolean debug, ExitCode code) {
    err.println("pgparity: " + message);
    if (debug) {
      e.printStackTrace(err);
    }
    return code.code();
  }

  /** The text of {@code pgparity repair --help}. */
  static String usage() {
    return String.join("\n",
        "Usage: pgparity repair RUN_FOLDER [--target replica|primary] [--no-triggers]",
        "       pgparity repair RUN_FOLDER --apply [--batch-size N]",
        "",
        "Builds RUN_FOLDER/repair.sql: one guarded statement per divergent row (INSERT missing rows,",
        "DELETE extra rows, UPDATE only the differing columns) that makes the target's rows equal to",
        "the other side's, re-read now. A statement changes nothing unless the target row still holds",
        "the values verify saw. The file holds real data and is readable by its owner only.",
        "With --apply, runs the folder's repair.sql as it is (build and review it first; if there is",
        "none it is built) on its target, and counts rows applied and skipped as stale.",
        "",
        "Options:",
        "  --target T        the side to write: replica (default; the primary is the source of truth)",
        "                    or primary (after a failover: lost writes go back to the new primary)",
        "  --no-triggers     triggers on the target do not fire (session_replication_role = replica;",
        "                    this also skips foreign-key checks and needs a superuser)",
        "  --apply           apply repair.sql; refuses a hot standby in recovery",
        "  --batch-size N    commit every N statements (default: one transaction), 1-" + RepairOptionsParser.MAX_BATCH_SIZE,
        "  --primary URL     the primary's jdbc:postgresql: url instead of job.json's",
        "  --replica URL     the replica's url instead of job.json's (e.g. a role that may write)",
        "  --debug           show stack traces of errors",
        "  --help, -h        this text",
        "",
        "Passwords: PGPARITY_PRIMARY_PASSWORD / PGPARITY_REPLICA_PASSWORD, else ~/.pgpass.",
        "Exit codes: 0 repair.sql written, or every statement applied; 2 usage or configuration error",
        "(no run folder, repair.sql for another target, the target is a hot standby); 3 runtime failure",
        "(connection, permission, a statement failed: its transaction is rolled back); 4 incomplete:",
        "some statements were skipped as stale (the target row changed after verify): verify again.",
        "");
  }
}
