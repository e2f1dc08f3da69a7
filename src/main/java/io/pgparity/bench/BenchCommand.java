package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.cli.AbstractCommand;
import io.pgparity.cli.Cli;
import io.pgparity.cli.Example;
import io.pgparity.cli.ExitCodeHelp;
import io.pgparity.cli.HelpOption;
import io.pgparity.cli.Range;
import io.pgparity.config.ConfigException;
import io.pgparity.config.Spelling;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.job.VerifyLauncher;
import io.pgparity.verdict.ExitCode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code pgparity bench}: loads identical tables on two embedded servers and links them by logical
 * replication, then times verify against the hashing floor (one full-table hash query per side),
 * first on identical tables, then with 0.01% of the replica's rows changed; each round times
 * lag-aware verify and, to show what lag-awareness costs, plain verify. The servers are stopped
 * whatever happens. Every run is checked (see {@link EmbeddedBenchmark}); if one check fails, bench
 * exits non-zero and prints no ratio.
 */
@CommandLine.Command(
    name = "bench",
    description =
        "time verify against a one-query-per-side hash of the same tables on embedded servers",
    sortOptions = false,
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Starts two embedded PostgreSQL servers, loads the same rows into both, links them by logical replication"
          + " (no copy), and times verify against the floor: one count(*)/hash query per table on both servers at"
          + " once. Every timed verify is a new process launched as users launch it (--launch, default"
          + " pgparity/pgparity beside the jar when executable, else java -jar <this jar>), timed from launch to"
          + " exit: start-up and planning included; the ratios use that time. verify (job) is the run's own"
          + " time from its summary.json. Each round runs verify lag-aware (the default) and plain, to show what"
          + " waiting for the replica costs on an idle one. Floor, verify and pg_comparator run in an order that"
          + " rotates from round to round; the table shows medians of the rounds.",
      "",
      "--primary URL --replica URL runs it on servers you name instead (user and password in the URL or in"
          + " ~/.pgpass, as verify reads them): bench creates schema "
          + BenchOptions.SERVER_SCHEMA
          + " on both, loads the tables into it on both in parallel, links nothing (the replica is a"
          + " copy; verify finds no replication link, so lag-aware and plain are the same and only one runs),"
          + " makes the replica drift, and drops the schema at the end whatever happens (also on Ctrl-C). If"
          + " the schema already exists on either server, bench refuses (exit 2) rather than drop what it did"
          + " not create: drop it by hand if an interrupted bench left it. There, pg_comparator (Debian:"
          + " postgresql-comparator) runs beside verify when it is on PATH or given by --pg-comparator:"
          + " pg_comparator --cf=fnv (--use-key on users) on each table; it needs the pgcmp extension, which"
          + " bench creates in its schema where it is available but missing. Embedded servers lack pgcmp, so"
          + " it does not run there.",
      "",
      "Every run is checked: identical ones must be CONSISTENT and report no row, divergent ones must report"
          + " exactly the injected rows by key and kind; pg_comparator likewise (UPDATE k: changed, INSERT k:"
          + " missing on the replica, DELETE k: extra on the replica). If a check fails, bench exits 3 and"
          + " prints no ratio.",
      "",
      "One --rows per run; for the scaling, run it at 1M, 5M and 10M rows and compare the"
          + " 'verify s per M rows' column, e.g.",
      "  java -jar target/pgparity.jar bench --primary jdbc:postgresql://db1/app --replica"
          + " jdbc:postgresql://db2/app --rows 5000000 --rounds 3",
      "",
      "Run with a bounded heap to see verify's memory use, e.g.",
      "  java -Xmx256m -jar target/pgparity.jar bench --rows 10000000",
      "",
      "--case many-tables instead loads --table-count tables of 100 to 5,000 rows (seeded by --seed) and"
          + " times, per round, the floor for every table (one query per table, and one UNION ALL query per"
          + " server), verify of all of them, and verify's fixed start-up: java -jar pgparity.jar verify of"
          + " one 100-row table as a process of its own (--no-startup skips it). Its checks: every floor"
          + " and verify must find every table identical with its planned row count.",
      "  java -jar target/pgparity.jar bench --case many-tables --table-count 1000 --rounds 3"
    })
public final class BenchCommand extends AbstractCommand {

  private final Benchmark benchmark;
  private final Benchmark onNamedServers;
  private final ManyTablesBenchmark manyTables;

  @Option(
      names = "--case",
      paramLabel = "CASE",
      converter = BenchScenario.Converter.class,
      description = "large-tables (the default: --tables of --rows rows each) or many-tables")
  @Example("--case many-tables")
  private BenchScenario scenario = BenchScenario.LARGE_TABLES;

  @Option(
      names = "--rows",
      paramLabel = "N",
      description =
          "rows per table, "
              + BenchOptions.MIN_ROWS
              + " to "
              + BenchOptions.MAX_ROWS
              + " (default "
              + BenchOptions.DEFAULT_ROWS
              + ")")
  @Range(min = BenchOptions.MIN_ROWS, max = BenchOptions.MAX_ROWS)
  @Example("--rows 1000000")
  private Integer rows;

  @Option(
      names = "--rounds",
      paramLabel = "R",
      description =
          "timed rounds per table and case, 1 to "
              + BenchOptions.MAX_ROUNDS
              + " (default "
              + BenchOptions.DEFAULT_ROUNDS
              + ")")
  @Range(min = 1, max = BenchOptions.MAX_ROUNDS)
  @Example("--rounds 3")
  private int rounds = BenchOptions.DEFAULT_ROUNDS;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where run folders and bench/<UTC time>.md go" + " (default reports)")
  @Example("--out reports")
  private Path outDir = BenchOptions.DEFAULT_OUT;

  @Option(
      names = "--tables",
      paramLabel = "LIST",
      converter = TableList.class,
      description = "comma-separated: users, sessions (default both)")
  @Example("--tables users,sessions")
  private List<BenchTable> tables;

  @Option(
      names = "--no-lag-compare",
      arity = "0",
      description = "time only lag-aware verify (the default mode), not also plain verify")
  private boolean noLagCompare;

  @Option(
      names = "--primary",
      paramLabel = "URL",
      description =
          "bench on these servers instead of embedded ones (JDBC URL; with --replica): creates schema "
              + BenchOptions.SERVER_SCHEMA
              + ", drops it at the end")
  @Example("--primary jdbc:postgresql://db1:5432/app?user=bench")
  private String primaryUrl;

  @Option(
      names = "--replica",
      paramLabel = "URL",
      description = "the second server's JDBC URL (with --primary)")
  @Example("--replica jdbc:postgresql://db2:5432/app?user=bench")
  private String replicaUrl;

  @Option(
      names = "--launch",
      paramLabel = "CMD",
      description =
          "the command each timed verify process is launched with, split on spaces; verify and its"
              + " options are appended (default: pgparity/pgparity beside the jar when executable,"
              + " else java -jar <this jar>)")
  @Example("--launch \"java -Xmx512m -jar target/pgparity.jar\"")
  private String launch;

  @Option(
      names = "--pg-comparator",
      paramLabel = "PATH",
      description =
          "the pg_comparator to run beside verify (default: pg_comparator on PATH, if any;"
              + " with --primary/--replica only)")
  @Example("--pg-comparator /usr/bin/pg_comparator")
  private Path pgComparator;

  @Option(
      names = "--no-pg-comparator",
      arity = "0",
      description = "do not run pg_comparator even when it is installed")
  private boolean noPgComparator;

  @Option(
      names = "--table-count",
      paramLabel = "N",
      description =
          "many-tables: how many tables, "
              + ManyTablesOptions.MIN_TABLE_COUNT
              + " to "
              + ManyTablesOptions.MAX_TABLE_COUNT
              + " (default "
              + ManyTablesOptions.DEFAULT_TABLE_COUNT
              + ")")
  @Range(min = ManyTablesOptions.MIN_TABLE_COUNT, max = ManyTablesOptions.MAX_TABLE_COUNT)
  @Example("--table-count 1000")
  private Integer tableCount;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description =
          "many-tables: the seed of the tables' sizes (default "
              + ManyTablesOptions.DEFAULT_SEED
              + ")")
  @Example("--seed 13")
  private Long seed;

  @Option(
      names = "--no-startup",
      arity = "0",
      description = "many-tables: do not time verify's start-up as a process of its own")
  private boolean noStartup;

  @CommandLine.Mixin private HelpOption help;

  public BenchCommand(VerifyLauncher launcher) {
    this(
        EmbeddedBenchmark.ownServers(),
        ServerBenchmark.processes(),
        ManyTablesBenchmark.ownServers(launcher));
  }

  /** {@code benchmark} both on embedded servers and on named ones (tests). */
  BenchCommand(Benchmark benchmark) {
    this(benchmark, benchmark, null);
  }

  BenchCommand(Benchmark benchmark, ManyTablesBenchmark manyTables) {
    this(benchmark, benchmark, manyTables);
  }

  /**
   * {@code onNamedServers}: the benchmark for --primary/--replica. {@code manyTables} null: --case
   * many-tables is refused (tests of the large-tables case).
   */
  BenchCommand(Benchmark benchmark, Benchmark onNamedServers, ManyTablesBenchmark manyTables) {
    this.benchmark = checkNotNull(benchmark, "benchmark");
    this.onNamedServers = checkNotNull(onNamedServers, "onNamedServers");
    this.manyTables = manyTables;
  }

  @Override
  public Map<ExitCode, String> exitCodes() {
    return ExitCodeHelp.of(
        Map.of(
            ExitCode.CONSISTENT, "every run passed its checks; the times are printed and written",
            ExitCode.RUNTIME_FAILURE, "a check failed (no ratio is printed) or the servers failed"),
        ExitCode.USAGE);
  }

  /**
   * The options as {@code pgparity bench} reads them.
   *
   * @throws ConfigException with the one line bench would print after "pgparity: "
   */
  static BenchOptions parse(List<String> args) {
    BenchCommand command = new BenchCommand((options, o, e) -> List.of());
    boolean help = Cli.parse(command, args);
    return help ? BenchOptions.helpOnly() : command.options();
  }

  /**
   * The options of {@code pgparity bench --case many-tables ...}.
   *
   * @throws ConfigException with the one line bench would print after "pgparity: "
   */
  static ManyTablesOptions parseManyTables(List<String> args) {
    BenchCommand command = new BenchCommand((options, o, e) -> List.of());
    Cli.parse(command, args);
    return command.manyTablesOptions();
  }

  /** The large-tables options; refuses the many-tables ones. */
  private BenchOptions options() {
    if (scenario != BenchScenario.LARGE_TABLES) {
      throw new ConfigException("bench: these are not the options of --case " + scenario.word());
    }
    refuse(tableCount != null, "--table-count");
    refuse(seed != null, "--seed");
    refuse(noStartup, "--no-startup");
    BenchOptions.NamedServers servers = namedServers();
    if (pgComparator != null) {
      if (servers == null) {
        throw new ConfigException(
            "bench: --pg-comparator needs --primary and --replica: embedded servers lack the pgcmp"
                + " extension pg_comparator needs");
      }
      if (noPgComparator) {
        throw new ConfigException(
            "bench: --pg-comparator and --no-pg-comparator contradict each other; drop one");
      }
      if (!Files.isRegularFile(pgComparator) || !Files.isExecutable(pgComparator)) {
        throw new ConfigException(
            "bench: --pg-comparator "
                + pgComparator
                + " is not an executable file; give the path of pg_comparator"
                + " (Debian: /usr/bin/pg_comparator from postgresql-comparator)");
      }
    }
    // a blank --launch is refused by the command line as a missing value
    LaunchCommand launchCommand = launch == null ? null : LaunchCommand.parse(launch);
    return new BenchOptions(
        rows == null ? BenchOptions.DEFAULT_ROWS : rows,
        rounds,
        outDir,
        tables == null ? List.of(BenchTable.values()) : tables,
        // two servers the user named are not linked: lag-aware and plain verify do the same there
        !noLagCompare && servers == null,
        false,
        servers,
        launchCommand,
        pgComparator,
        noPgComparator);
  }

  /** --primary and --replica, both or neither. */
  private BenchOptions.NamedServers namedServers() {
    if (primaryUrl == null && replicaUrl == null) {
      return null;
    }
    if (primaryUrl == null || replicaUrl == null) {
      throw new ConfigException(
          String.format(
              "bench: %s needs %s too: give both servers' JDBC URLs, e.g. --primary"
                  + " jdbc:postgresql://db1:5432/app --replica jdbc:postgresql://db2:5432/app",
              primaryUrl == null ? "--replica" : "--primary",
              primaryUrl == null ? "--primary" : "--replica"));
    }
    for (String[] option :
        List.of(new String[] {"--primary", primaryUrl}, new String[] {"--replica", replicaUrl})) {
      if (!option[1].startsWith("jdbc:postgresql:")) {
        throw new ConfigException(
            String.format(
                "bench: %s '%s' is not a PostgreSQL JDBC URL; write it as"
                    + " jdbc:postgresql://host:port/database",
                option[0], PasswordResolver.redact(option[1])));
      }
    }
    return new BenchOptions.NamedServers(primaryUrl, replicaUrl);
  }

  /** The many-tables options; refuses the large-tables ones. */
  private ManyTablesOptions manyTablesOptions() {
    if (scenario != BenchScenario.MANY_TABLES) {
      throw new ConfigException("bench: add --case many-tables for the many-tables options");
    }
    refuse(rows != null, "--rows");
    refuse(tables != null, "--tables");
    refuse(noLagCompare, "--no-lag-compare");
    refuse(primaryUrl != null, "--primary");
    refuse(replicaUrl != null, "--replica");
    refuse(launch != null, "--launch");
    refuse(pgComparator != null, "--pg-comparator");
    refuse(noPgComparator, "--no-pg-comparator");
    return new ManyTablesOptions(
        tableCount == null ? ManyTablesOptions.DEFAULT_TABLE_COUNT : tableCount,
        seed == null ? ManyTablesOptions.DEFAULT_SEED : seed,
        rounds,
        outDir,
        !noStartup);
  }

  private void refuse(boolean given, String option) {
    if (given) {
      throw new ConfigException(
          String.format("bench: %s does not apply to --case %s; drop it", option, scenario.word()));
    }
  }

  @Override
  public Integer call() {
    // a usage error is exit 2 (thrown to the command line), not a failed bench
    if (scenario == BenchScenario.MANY_TABLES) {
      ManyTablesOptions options = manyTablesOptions();
      if (manyTables == null) {
        throw new ConfigException("bench: --case many-tables is not available here");
      }
      return run(() -> benchManyTables(options, out));
    }
    BenchOptions parsed = options();
    BenchOptions options =
        parsed.launch() != null
            ? parsed
            : new BenchOptions(
                parsed.rows(),
                parsed.rounds(),
                parsed.out(),
                parsed.tables(),
                parsed.lagCompare(),
                parsed.help(),
                parsed.servers(),
                LaunchCommand.byDefault(),
                parsed.pgComparator(),
                parsed.noPgComparator());
    return run(() -> bench(options, out, err));
  }

  private Integer run(Runnable bench) {
    try {
      bench.run();
      return ExitCode.CONSISTENT.code();
    } catch (ConfigException e) {
      // e.g. a schema bench would not drop: a usage error, exit 2
      throw e;
    } catch (BenchCheckException e) {
      err.println(
          "pgparity: bench failed a check, so its times measure something else and it prints no ratios: "
              + e.getMessage());
      return ExitCode.RUNTIME_FAILURE.code();
    } catch (RuntimeException e) {
      err.println("pgparity: bench failed: " + e.getMessage());
      return ExitCode.RUNTIME_FAILURE.code();
    } finally {
      out.flush();
      err.flush();
    }
  }

  // the results are printed only once every round passed its checks
  private void benchManyTables(ManyTablesOptions options, PrintStream out) {
    Instant started = Instant.now();
    String about = ManyTablesReport.about(options);
    out.print(about);
    ManyTablesResult result = manyTables.measure(options, out, err);
    String markdown = ManyTablesReport.markdown(result);
    out.println();
    out.print(markdown);
    Path file =
        BenchReport.write(
            options.out(), started, "# pgparity bench --case many-tables\n\n" + about + markdown);
    out.println();
    out.println("Written to " + file);
  }

  // the results are printed only once every case of every table passed its checks
  private void bench(BenchOptions options, PrintStream out, PrintStream err) {
    Instant started = Instant.now();
    String about = BenchReport.about(options);
    out.print(about);
    List<CaseResult> results =
        (options.servers() == null ? benchmark : onNamedServers).measure(options, out, err);
    String markdown = BenchReport.markdown(results);
    out.println();
    out.print(markdown);
    Path file =
        BenchReport.write(options.out(), started, "# pgparity bench\n\n" + about + markdown);
    out.println();
    out.println("Written to " + file);
  }

  /** users,sessions: the tables in the order given, each once. */
  public static final class TableList implements CommandLine.ITypeConverter<List<BenchTable>> {
    @Override
    public List<BenchTable> convert(String value) {
      if (value.isBlank()) {
        throw new CommandLine.TypeConversionException("needs a value");
      }
      List<BenchTable> tables = new ArrayList<>();
      for (String word : value.split(",", -1)) {
        BenchTable table = BenchTable.byName(word.strip());
        if (table == null) {
          throw new CommandLine.TypeConversionException(
              String.format(
                  "has unknown table '%s'%s; valid tables: %s (comma-separated)",
                  word.strip(),
                  Spelling.hint(word.strip(), BenchTable.names()),
                  String.join(", ", BenchTable.names())));
        }
        if (tables.contains(table)) {
          throw new CommandLine.TypeConversionException(
              "lists " + table.shortName() + " twice; list it once");
        }
        tables.add(table);
      }
      return List.copyOf(tables);
    }
  }
}
