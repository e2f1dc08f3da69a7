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
import io.pgparity.job.VerifyLauncher;
import io.pgparity.verdict.ExitCode;
import java.io.PrintStream;
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
          + " once. Each round runs verify lag-aware (the default) and plain, to show what waiting for the replica"
          + " costs on an idle one. verify (job) is the whole job (every step, planning included) as Spring Batch"
          + " records it; process adds the JVM's Spring start-up.",
      "",
      "Every run is checked: identical ones must be CONSISTENT and report no row, divergent ones must report"
          + " exactly the injected rows by key and kind. If a check fails, bench exits 3 and prints no ratio.",
      "",
      "Run with a bounded heap to see verify's memory use, e.g.",
      "  java -Xmx256m -jar target/pgparity.jar bench --rows 10000000"
    })
public final class BenchCommand extends AbstractCommand {

  private final Benchmark benchmark;

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
  private int rows = BenchOptions.DEFAULT_ROWS;

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
  private List<BenchTable> tables = List.of(BenchTable.values());

  @Option(
      names = "--no-lag-compare",
      arity = "0",
      description = "time only lag-aware verify (the default mode), not also plain verify")
  private boolean noLagCompare;

  @CommandLine.Mixin private HelpOption help;

  public BenchCommand(VerifyLauncher launcher) {
    this(EmbeddedBenchmark.ownServers(launcher));
  }

  BenchCommand(Benchmark benchmark) {
    this.benchmark = checkNotNull(benchmark, "benchmark");
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

  private BenchOptions options() {
    return new BenchOptions(rows, rounds, outDir, tables, !noLagCompare, false);
  }

  @Override
  public Integer call() {
    try {
      bench(options(), out, err);
      return ExitCode.CONSISTENT.code();
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

  // the results are printed only once every case of every table passed its checks
  private void bench(BenchOptions options, PrintStream out, PrintStream err) {
    Instant started = Instant.now();
    String about = BenchReport.about(options);
    out.print(about);
    List<CaseResult> results = benchmark.measure(options, out, err);
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
