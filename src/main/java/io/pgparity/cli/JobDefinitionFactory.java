package io.pgparity.cli;

import io.pgparity.config.ConfigException;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.JobFileLoader;
import io.pgparity.config.MetricsTargets;
import io.pgparity.config.TablePattern;
import io.pgparity.config.TableSelection;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.table.TableRef;
import java.util.List;
import java.util.Map;

/**
 * Builds the definition a verify run uses: the job file if given, then the command-line overrides
 * (the command line wins), then passwords from the password file for connections without one.
 */
public final class JobDefinitionFactory {

  /** The job name of a run without --job; it names the run folders. */
  public static final String ADHOC_NAME = "adhoc";

  private final JobFileLoader loader;
  private final Map<String, String> env;
  private final PasswordResolver passwords;

  /** {@code env} feeds the job file's ${VAR} references. */
  public JobDefinitionFactory(
      JobFileLoader loader, Map<String, String> env, PasswordResolver passwords) {
    this.loader = loader;
    this.env = Map.copyOf(env);
    this.passwords = passwords;
  }

  /** The factory for this process: its environment and the user's ~/.pgpass. */
  public static JobDefinitionFactory forCurrentUser() {
    return new JobDefinitionFactory(
        new JobFileLoader(), System.getenv(), PasswordResolver.forCurrentUser());
  }

  /** The definition for {@code options}; a ConfigException names any mistake. */
  public JobDefinition build(VerifyOptions options) {
    JobDefinition job = options.job() == null ? null : loader.load(options.job(), env);
    boolean adhocComplete =
        options.primaryUrl() != null && options.replicaUrl() != null && options.selects();
    if (job == null && !adhocComplete) {
      throw new ConfigException(
          "verify needs --job FILE, or --primary URL, --replica URL and at least one --table"
              + " schema.table (or --schema NAME, --all) (see pgparity verify --help)");
    }
    TableSelection selection = selection(job, options);
    Tuning base = job == null ? Tuning.defaults() : job.tuning();
    try {
      Tuning tuning =
          threads(
              options,
              base,
              new Tuning(
                  base.threads(),
                  orElse(options.chunkRows(), base.chunkRows()),
                  orElse(options.maxDivergences(), base.maxDivergences()),
                  base.statementTimeout(),
                  base.lockTimeout(),
                  options.live().applyTo(base.live()),
                  base.autoThreads(),
                  base.maxThreads()));
      JobDefinition definition =
          new JobDefinition(
              job == null ? ADHOC_NAME : job.name(),
              connection(job == null ? null : job.primary(), options.primaryUrl()),
              connection(job == null ? null : job.replica(), options.replicaUrl()),
              tables(job, options),
              tuning,
              orElse(options.out(), job == null ? JobFileLoader.DEFAULT_OUT : job.out()),
              orElse(options.jobRepositoryUrl(), job == null ? null : job.jobRepositoryUrl()),
              job == null ? null : job.maskKeyEnv(),
              (job == null ? MetricsTargets.NONE : job.metrics()).overriddenBy(options.metrics()),
              null,
              job == null ? Map.of() : job.expect(),
              selection);
      return new JobDefinition(
          definition.name(),
          passwords.resolve(definition.primary()),
          passwords.resolve(definition.replica()),
          definition.tables(),
          definition.tuning(),
          definition.out(),
          definition.jobRepositoryUrl(),
          definition.maskKeyEnv(),
          definition.metrics(),
          options.shard(),
          definition.expect(),
          definition.selection());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ConfigException("verify: " + e.getMessage() + " (see pgparity verify --help)", e);
    }
  }

  /**
   * --threads replaces the file's threads (a number or auto); --max-threads the file's max-threads,
   * and caps only auto: with a number of threads from the file it is a mistake, named with both.
   */
  private static Tuning threads(VerifyOptions options, Tuning base, Tuning tuning) {
    ThreadsArgument threads = options.threads();
    Integer max = options.maxThreads();
    boolean auto = threads == null ? base.autoThreads() : threads.auto();
    if (!auto) {
      if (max != null) {
        throw new ConfigException(
            "verify: --max-threads "
                + max
                + " caps only threads auto, but threads is "
                + base.threads()
                + (options.job() == null ? " (the default)" : " (the job file's or the default)")
                + "; add --threads auto or drop --max-threads");
      }
      return threads == null ? tuning : tuning.withFixedThreads(threads.count());
    }
    return tuning.withAutoThreads(
        max != null ? max : base.autoThreads() ? base.maxThreads() : Tuning.DEFAULT_MAX_THREADS);
  }

  /**
   * The file's connection with the URL from the command line; the file's password (if any) stays,
   * as passwords never come from the command line.
   */
  private static ConnectionSpec connection(ConnectionSpec fromFile, String url) {
    if (url == null) {
      return fromFile;
    }
    return new ConnectionSpec(url, fromFile == null ? null : fromFile.password());
  }

  /**
   * The command line's tables replace the file's list; a table the file also lists keeps its key,
   * columns, where, settle window and mask from the file.
   */
  private static List<TableSpec> tables(JobDefinition job, VerifyOptions options) {
    List<TableSpec> fromFile = job == null ? List.of() : job.tables();
    if (!options.selects()) {
      return fromFile;
    }
    List<TableRef> fromCommandLine = options.tables();
    return fromCommandLine.stream()
        .map(
            table ->
                fromFile.stream()
                    .filter(spec -> spec.table().equals(table))
                    .findFirst()
                    .orElse(TableSpec.of(table)))
        .toList();
  }

  /**
   * --table patterns, --schema and --all replace the file's patterns (as --table replaces its
   * tables); --exclude replaces the file's exclude list; --materialized-views turns them on.
   */
  private static TableSelection selection(JobDefinition job, VerifyOptions options) {
    TableSelection fromFile = job == null ? TableSelection.NONE : job.selection();
    List<TablePattern> include =
        options.selects() ? options.selection().include() : fromFile.include();
    List<TablePattern> exclude =
        options.exclude().isEmpty() ? fromFile.exclude() : options.exclude();
    if (!exclude.isEmpty() && include.isEmpty()) {
      throw new ConfigException(
          "verify: --exclude leaves out tables that a pattern matches, but no pattern is given"
              + " (a table named exactly is always compared); add --all, --schema NAME or a --table"
              + " pattern such as 'app.*' (see pgparity verify --help)");
    }
    return new TableSelection(
        include, exclude, options.materializedViews() || fromFile.materializedViews());
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
