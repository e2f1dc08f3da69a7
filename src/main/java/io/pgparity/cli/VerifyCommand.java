package io.pgparity.cli;

import io.pgparity.verdict.ExitCode;

import io.pgparity.config.ConfigException;
import io.pgparity.config.units.DurationText;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.JobFileLoader;
import io.pgparity.config.LiveTuning;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.config.Tuning;
import io.pgparity.guard.AlreadyRunningException;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.job.VerifyLauncher;
import java.io.PrintStream;
import java.util.List;

/** {@code pgparity verify}: builds the job definition, runs it and prints the verdict last. */
public final class VerifyCommand implements Command {

  private final VerifyLauncher launcher;
  private final JobDefinitionFactory factory;

  public VerifyCommand(VerifyLauncher launcher) {
    this(launcher, JobDefinitionFactory.forCurrentUser());
  }

  /** For tests: a factory with a given environment and password file. */
  public VerifyCommand(VerifyLauncher launcher, JobDefinitionFactory factory) {
    this.launcher = launcher;
    this.factory = factory;
  }

  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String summary() {
    return "compare tables on a primary and a replica and report the rows that differ";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    boolean debug = args.contains("--debug");
    try {
      VerifyOptions options = VerifyOptionsParser.parse(args);
      if (options.help()) {
        out.print(usage());
        return ExitCode.CONSISTENT.code();
      }
      if (debug) {
        System.setProperty(SpringVerifyLauncher.DEBUG_PROPERTY, "true");
      }
      JobDefinition definition = factory.build(options);
      RunOutcome outcome = launcher.launch(definition, options.repairSql(),
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

  /** The text of {@code pgparity verify --help}. */
  static String usage() {
    Tuning defaults = Tuning.defaults();
    LiveTuning live = defaults.live();
    return String.join(
        "\n",
        "Usage: pgparity verify --job FILE [overrides]",
        "       pgparity verify --primary URL --replica URL --table SCHEMA.TABLE... [options]",
        "",
        "Compares tables on a primary and a replica row by row and writes a run folder under",
        "--out that lists every divergent row. The last line printed is the verdict.",
        "",
        "Options (on the command line they override the job file):",
        "  --job FILE             YAML job file (keys: see jobs/README.md)",
        "  --primary URL          the primary's jdbc:postgresql: url",
        "  --replica URL          the replica's jdbc:postgresql: url",
        "  --table SCHEMA.TABLE   a table to compare; repeatable; replaces the job's list",
        "  --out DIR              where run folders go (default " + JobFileLoader.DEFAULT_OUT + ")",
        "  --threads N            ranges compared in parallel, 1-"
            + Tuning.MAX_THREADS
            + " (default "
            + defaults.threads()
            + ")",
        "  --chunk-rows N         rows per compared range, "
            + Tuning.MIN_CHUNK_ROWS
            + "-"
            + Tuning.MAX_CHUNK_ROWS
            + " (default "
            + defaults.chunkRows()
            + ")",
        "  --max-divergences N    divergent rows recorded per table before it stops early"
            + " (default "
            + defaults.maxDivergences()
            + ")",
        "  --no-lag-wait          judge suspect rows without first waiting for the replica to",
        "                         replay past the primary's current WAL position",
        "  --max-wait D           longest wait for the replica to catch up (default "
            + DurationText.format(live.maxWait())
            + ")",
        "  --max-lag SIZE         pause reading while the replica lags more WAL than SIZE,",
        "                         e.g. 64MB or 1GB (default 0: never pause)",
        "  --rechecks N           times a suspect row is read again to tell divergent from",
        "                         converged and unstable, 0-"
            + LiveTuning.MAX_RECHECKS
            + " (default "
            + live.rechecks()
            + ")",
        "  --recheck-delay D      pause before each recheck (default "
            + DurationText.format(live.recheckDelay())
            + ")",
        "  --rows-per-second N    rows read per second from each side (default 0: unlimited)",
        "  --retries N            retries after a transient failure (dropped connection,",
        "                         recovery conflict), 0-"
            + LiveTuning.MAX_RETRIES
            + " (default "
            + live.retries()
            + ")",
        "  --max-runtime D        stop starting new work after D; tables not compared by then",
        "                         are INCOMPLETE, reports are written, exit code 4",
        "                         (default 0: no limit)",
        "  --fresh                start over; by default a run whose previous run of the same",
        "                         job (same servers and tables) was stopped (--max-runtime,",
        "                         SIGTERM), failed or killed resumes it, keeping its hashed slices",
        "  --job-repository URL   JDBC url of the Spring Batch job repository",
        "                         (default: a file database under --out)",
        "  --repair-sql           also write repair.sql (guarded statements that make the",
        "                         replica's divergent rows match the primary's; real data,",
        "                         owner-only) into the run folder; see pgparity repair --help",
        "  --metrics-file FILE    after the run, write its Prometheus metrics to FILE (*.prom,",
        "                         for node_exporter's textfile collector), replaced atomically",
        "  --pushgateway URL      after the run, PUT its metrics to a Prometheus Pushgateway",
        "                         (group job=pgparity, instance=<job name>); failure only warns",
        "  --log-format F         text (default) or json: one JSON object per stderr log line;",
        "                         any command takes it; also PGPARITY_LOG_FORMAT=json",
        "  --shard I/N            compare only shard I of N (0 <= I < N <= 1024): the rows whose",
        "                         key hashes to I; N runs with I = 0..N-1 (e.g. a Kubernetes",
        "                         Indexed Job's $(JOB_COMPLETION_INDEX)) cover every row once;",
        "                         join their run folders with pgparity merge",
        "  --debug                show stack traces of errors",
        "  --help, -h             this text",
        "",
        "D is a duration: 500ms, 30s, 2m, 1h or a whole number of seconds.",
        "Passwords never come from the command line: put them in ~/.pgpass (or $PGPASSFILE),",
        "or reference an environment variable in the job file: password: ${PRIMARY_PASSWORD}.",
        "Every run also audits replication and the durability settings (the job's expect:, see",
        "pgparity audit --help); its findings are in the report.",
        "Exit codes: 0 consistent, 1 divergent, 2 usage/configuration error, 3 runtime failure,",
        "4 incomplete (also after --max-runtime or SIGTERM), 5 the job is already running,",
        "6 consistent data but replication audit findings.",
        "");
  }
}
