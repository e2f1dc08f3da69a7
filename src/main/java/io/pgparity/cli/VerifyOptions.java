package io.pgparity.cli;

import io.pgparity.config.ConfigException;
import io.pgparity.config.LiveTuning;
import io.pgparity.config.MetricsTargets;
import io.pgparity.config.Shard;
import io.pgparity.config.TablePattern;
import io.pgparity.config.TableSelection;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.table.TableRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The options of {@code pgparity verify}, a picocli mixin of {@link VerifyCommand}. Every value is
 * null when not given, so the job file's value (or the default) stays; an empty {@code tables}
 * keeps the job file's list. {@code fresh} (--fresh) starts over instead of resuming the job's last
 * run when that one did not complete.
 */
public final class VerifyOptions {

  private static final String SEE_HELP = " (see pgparity verify --help)";

  @Option(
      names = "--job",
      paramLabel = "FILE",
      order = 1,
      description = "YAML job file (keys: see jobs/README.md)")
  @Example("--job jobs/auth.yaml")
  private Path job;

  @Option(
      names = "--primary",
      paramLabel = "URL",
      order = 2,
      description = "the primary's jdbc:postgresql: url")
  @Example("--primary 'jdbc:postgresql://host:5432/app?user=checker'")
  private String primaryUrl;

  @Option(
      names = "--replica",
      paramLabel = "URL",
      order = 3,
      description = "the replica's jdbc:postgresql: url")
  @Example("--replica 'jdbc:postgresql://host:5432/app?user=checker'")
  private String replicaUrl;

  @Option(
      names = "--table",
      paramLabel = "SCHEMA.TABLE",
      order = 4,
      converter = Converters.TableOrPattern.class,
      description =
          "a table to compare, or a pattern (* and ? wildcards, e.g. 'app.invoice_*'); repeatable;"
              + " replaces the job's list")
  @Example("--table public.users")
  private List<TableArgument> tables = new ArrayList<>();

  @Option(
      names = "--schema",
      paramLabel = "NAME",
      order = 5,
      converter = Converters.SchemaPattern.class,
      description =
          "compare every table of schema NAME (a name or pattern: app is --table 'app.*');"
              + " repeatable; replaces the job's list")
  @Example("--schema app")
  private List<TablePattern> schemas = new ArrayList<>();

  @Option(
      names = "--all",
      arity = "0",
      order = 6,
      description =
          "compare every table of the database (not system schemas; --table '*.*'); replaces the"
              + " job's list")
  private boolean all;

  @Option(
      names = "--exclude",
      paramLabel = "PATTERN",
      order = 7,
      converter = Converters.Pattern.class,
      description =
          "leave out the tables a pattern matches, e.g. 'app.tmp_*'; repeatable; replaces the job's"
              + " exclude list; a table named exactly is always compared")
  @Example("--exclude 'app.tmp_*'")
  private List<TablePattern> exclude = new ArrayList<>();

  @Option(
      names = "--materialized-views",
      arity = "0",
      order = 8,
      description = "also compare the materialized views the selection matches")
  private boolean materializedViews;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      order = 9,
      description = "where run folders go (default ${bundle:default.out})")
  @Example("--out reports")
  private Path out;

  @Option(
      names = "--threads",
      paramLabel = "N",
      order = 10,
      converter = Converters.Threads.class,
      description =
          "ranges compared in parallel, 1-"
              + Tuning.MAX_THREADS
              + ", or auto: as many as both servers offer (1 + max_parallel_workers_per_gather,"
              + " less the parallel workers and connections in use), at most --max-threads"
              + " (default ${bundle:default.threads})")
  @Example("--threads 4")
  private ThreadsArgument threads;

  @Option(
      names = "--max-threads",
      paramLabel = "N",
      order = 11,
      description =
          "the most threads --threads auto may choose, 1-"
              + Tuning.MAX_THREADS
              + " (default ${bundle:default.max-threads})")
  @Range(min = 1, max = Tuning.MAX_THREADS)
  @Example("--max-threads 4")
  private Integer maxThreads;

  @Option(
      names = "--chunk-rows",
      paramLabel = "N",
      order = 12,
      description =
          "rows per compared range, "
              + Tuning.MIN_CHUNK_ROWS
              + "-"
              + Tuning.MAX_CHUNK_ROWS
              + " (default ${bundle:default.chunk-rows})")
  @Range(min = Tuning.MIN_CHUNK_ROWS, max = Tuning.MAX_CHUNK_ROWS)
  @Example("--chunk-rows 4")
  private Integer chunkRows;

  @Option(
      names = "--max-divergences",
      paramLabel = "N",
      order = 13,
      description =
          "divergent rows recorded per table before it stops early"
              + " (default ${bundle:default.max-divergences})")
  @Range(min = 1)
  @Example("--max-divergences 4")
  private Integer maxDivergences;

  @Option(
      names = "--no-lag-wait",
      arity = "0",
      order = 14,
      description =
          "judge suspect rows without first waiting for the replica to replay past the primary's"
              + " current WAL position")
  private boolean noLagWait;

  @Option(
      names = "--max-wait",
      paramLabel = "D",
      order = 15,
      converter = Converters.DurationValue.class,
      description = "longest wait for the replica to catch up (default ${bundle:default.max-wait})")
  @Example("--max-wait 2m")
  private Duration maxWait;

  @Option(
      names = "--max-lag",
      paramLabel = "SIZE",
      order = 16,
      converter = Converters.ByteSize.class,
      description =
          "pause reading while the replica lags more WAL than SIZE, e.g. 64MB or 1GB"
              + " (default 0: never pause)")
  @Example("--max-lag 64MB")
  private Long maxLag;

  @Option(
      names = "--rechecks",
      paramLabel = "N",
      order = 17,
      description =
          "times a suspect row is read again to tell divergent from converged and unstable, 0-"
              + LiveTuning.MAX_RECHECKS
              + " (default ${bundle:default.rechecks})")
  @Range(min = 0, max = LiveTuning.MAX_RECHECKS)
  @Example("--rechecks 3")
  private Integer rechecks;

  @Option(
      names = "--recheck-delay",
      paramLabel = "D",
      order = 18,
      converter = Converters.DurationValue.class,
      description = "pause before each recheck (default ${bundle:default.recheck-delay})")
  @Example("--recheck-delay 1s")
  private Duration recheckDelay;

  @Option(
      names = "--rows-per-second",
      paramLabel = "N",
      order = 19,
      converter = Converters.Rate.class,
      description = "rows read per second from each side (default 0: unlimited)")
  @Example("--rows-per-second 5000")
  private Double rowsPerSecond;

  @Option(
      names = "--retries",
      paramLabel = "N",
      order = 20,
      description =
          "retries after a transient failure, 0-"
              + LiveTuning.MAX_RETRIES
              + " (default ${bundle:default.retries}): a dropped connection, a recovery conflict")
  @Range(min = 0, max = LiveTuning.MAX_RETRIES)
  @Example("--retries 3")
  private Integer retries;

  @Option(
      names = "--max-runtime",
      paramLabel = "D",
      order = 21,
      converter = Converters.DurationValue.class,
      description =
          "stop starting new work after D; tables not compared by then are INCOMPLETE, reports are"
              + " written, exit code 4 (default 0: no limit)")
  @Example("--max-runtime 30m")
  private Duration maxRuntime;

  @Option(
      names = "--job-repository",
      paramLabel = "URL",
      order = 22,
      description =
          "JDBC url of the Spring Batch job repository (default: a file database under --out)")
  @Example("--job-repository jdbc:postgresql://host:5432/batch")
  private String jobRepositoryUrl;

  @Option(
      names = "--repair-sql",
      arity = "0",
      order = 23,
      description =
          "also write repair.sql (guarded statements that make the replica's divergent rows match the"
              + " primary's; real data, owner-only) into the run folder; see pgparity repair --help")
  private boolean repairSql;

  @Option(
      names = "--fresh",
      arity = "0",
      order = 24,
      description =
          "start over; by default a run whose previous run of the same job (same servers and tables)"
              + " was stopped (--max-runtime, SIGTERM), failed or killed resumes it, keeping its hashed slices")
  private boolean fresh;

  @Option(
      names = "--metrics-file",
      paramLabel = "FILE",
      order = 25,
      description =
          "after the run, write its Prometheus metrics to FILE (*.prom, for node_exporter's textfile"
              + " collector), replaced atomically")
  @Example("--metrics-file /var/lib/node_exporter/textfile/pgparity-auth.prom")
  private Path metricsFile;

  @Option(
      names = "--pushgateway",
      paramLabel = "URL",
      order = 26,
      description =
          "after the run, PUT its metrics to a Prometheus Pushgateway (group job=pgparity,"
              + " instance=<job name>); failure only warns")
  @Example("--pushgateway http://pushgateway:9091")
  private String pushgateway;

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      order = 27,
      converter = Converters.ShardValue.class,
      description =
          "compare only shard I of N (0 <= I < N <= 1024): the rows whose key hashes to I; N runs with"
              + " I = 0..N-1 (e.g. a Kubernetes Indexed Job's $(JOB_COMPLETION_INDEX)) cover every row once; join"
              + " their run folders with pgparity merge")
  @Example("--shard 0/3")
  private Shard shard;

  @Option(names = "--debug", arity = "0", order = 28, description = "show stack traces of errors")
  private boolean debug;

  @Option(
      names = {"--help", "-h"},
      usageHelp = true,
      order = 29,
      description = "this text")
  private boolean help;

  /**
   * The options as {@code pgparity verify} reads and checks them.
   *
   * @throws ConfigException with the one line verify would print after "pgparity: "
   */
  public static VerifyOptions parse(List<String> args) {
    VerifyOptions options = read(args);
    if (!options.help) {
      options.check();
    }
    return options;
  }

  /** The options as given, checked only as picocli parses them (for tests of what comes later). */
  static VerifyOptions read(List<String> args) {
    VerifyCommand command =
        new VerifyCommand(
            definition -> {
              throw new IllegalStateException("only parsed");
            });
    Cli.parse(command, args);
    return command.options();
  }

  /** The checks of values against each other and of urls, in the order a reader expects them. */
  void check() {
    Set<TableArgument> seen = new HashSet<>();
    for (TableArgument table : tables) {
      if (!seen.add(table)) {
        throw error("--table " + table + " is given twice; give it once");
      }
    }
    Set<TablePattern> seenPatterns = new HashSet<>();
    for (TablePattern schema : schemas) {
      if (!seenPatterns.add(schema)) {
        String text = schema.text();
        throw error(
            "--schema " + text.substring(0, text.length() - 2) + " is given twice; give it once");
      }
    }
    if (all && (!schemas.isEmpty() || !patterns().isEmpty())) {
      throw error(
          "--all already selects every table; remove --schema and the --table patterns, or --all");
    }
    Set<TablePattern> seenExcludes = new HashSet<>();
    for (TablePattern pattern : exclude) {
      if (!seenExcludes.add(pattern)) {
        throw error("--exclude " + pattern + " is given twice; give it once");
      }
    }
    if (maxThreads != null && threads != null && !threads.auto()) {
      throw error(
          "--max-threads "
              + maxThreads
              + " caps only --threads auto, but --threads "
              + threads
              + " is given; drop --max-threads or write --threads auto");
    }
    url(primaryUrl, "--primary");
    url(replicaUrl, "--replica");
    if (jobRepositoryUrl != null && !jobRepositoryUrl.startsWith("jdbc:")) {
      throw error(
          "--job-repository must be a JDBC url but was '"
              + PasswordResolver.redact(jobRepositoryUrl)
              + "'; e.g. --job-repository jdbc:postgresql://host:5432/batch");
    }
    metrics();
    if (job != null) {
      return;
    }
    List<String> missing = new ArrayList<>();
    if (primaryUrl == null) {
      missing.add("--primary");
    }
    if (replicaUrl == null) {
      missing.add("--replica");
    }
    if (!selects()) {
      missing.add("--table");
    }
    if (!missing.isEmpty()) {
      throw new ConfigException(
          "verify needs --job FILE, or --primary URL, --replica URL and at least one"
              + " --table schema.table (or --schema NAME, --all); missing "
              + String.join(", ", missing)
              + SEE_HELP);
    }
  }

  private static void url(String value, String option) {
    if (value == null) {
      return;
    }
    if (!value.startsWith("jdbc:postgresql:")) {
      throw error(
          option
              + " must be a jdbc:postgresql: url but was '"
              + PasswordResolver.redact(value)
              + "'; e.g. "
              + option
              + " 'jdbc:postgresql://host:5432/app?user=checker'");
    }
    if (PasswordResolver.hasPasswordParameter(value)) {
      // command lines end up in shell history and process lists
      throw error(
          option
              + " must not contain password=; put the password in ~/.pgpass"
              + " or in the job file as password: ${ENV_VAR}");
    }
  }

  private static ConfigException error(String message) {
    return new ConfigException("verify: " + message);
  }

  public Path job() {
    return job;
  }

  public String primaryUrl() {
    return primaryUrl;
  }

  public String replicaUrl() {
    return replicaUrl;
  }

  /** The tables --table names exactly (its values without a wildcard). */
  public List<TableRef> tables() {
    return tables.stream().map(TableArgument::exact).filter(t -> t != null).toList();
  }

  /** The --table values with a wildcard. */
  public List<TablePattern> patterns() {
    return tables.stream().map(TableArgument::pattern).filter(p -> p != null).toList();
  }

  /** True when --table, --schema or --all chooses tables, replacing the job file's choice. */
  public boolean selects() {
    return !tables.isEmpty() || !schemas.isEmpty() || all;
  }

  /**
   * The patterns --table, --schema and --all give, the --exclude patterns and --materialized-views;
   * {@link TableSelection#NONE} when none of these is given.
   */
  public TableSelection selection() {
    List<TablePattern> include = new ArrayList<>();
    if (all) {
      include.add(TablePattern.parse(TableSelection.ALL));
    }
    include.addAll(schemas);
    include.addAll(patterns());
    return new TableSelection(include, exclude, materializedViews);
  }

  /** --exclude patterns (empty keeps the job file's). */
  public List<TablePattern> exclude() {
    return List.copyOf(exclude);
  }

  /** True when --materialized-views was given. */
  public boolean materializedViews() {
    return materializedViews;
  }

  public Path out() {
    return out;
  }

  /** --threads: a number or auto; null when not given. */
  ThreadsArgument threads() {
    return threads;
  }

  /** --max-threads; null when not given. */
  public Integer maxThreads() {
    return maxThreads;
  }

  public Integer chunkRows() {
    return chunkRows;
  }

  public Integer maxDivergences() {
    return maxDivergences;
  }

  public String jobRepositoryUrl() {
    return jobRepositoryUrl;
  }

  /** The live-replica overrides; a null field keeps the job file's value. */
  public LiveOverrides live() {
    return new LiveOverrides(
        noLagWait ? false : null,
        maxWait,
        maxLag,
        rechecks,
        recheckDelay,
        rowsPerSecond,
        retries,
        maxRuntime);
  }

  public boolean debug() {
    return debug;
  }

  public boolean help() {
    return help;
  }

  public boolean repairSql() {
    return repairSql;
  }

  /** --metrics-file and --pushgateway (their fields null when not given). */
  public MetricsTargets metrics() {
    try {
      return MetricsTargets.of(metricsFile, pushgateway);
    } catch (IllegalArgumentException e) {
      throw error("--" + e.getMessage());
    }
  }

  /** Null unless --shard was given. */
  public Shard shard() {
    return shard;
  }

  public boolean fresh() {
    return fresh;
  }
}
