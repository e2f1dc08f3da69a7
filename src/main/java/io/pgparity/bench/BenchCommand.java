package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.cli.Command;
import io.pgparity.verdict.ExitCode;
import io.pgparity.config.ConfigException;
import io.pgparity.job.VerifyLauncher;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code pgparity bench}: loads identical tables on two embedded servers and links them by logical
 * replication, then times verify against the hashing floor (one full-table hash query per side),
 * first on identical tables, then with 0.01% of the replica's rows changed; each round times
 * lag-aware verify and, to show what lag-awareness costs, plain verify. The servers are stopped
 * whatever happens. Every run is checked (see {@link EmbeddedBenchmark}); if one check fails,
 * bench exits non-zero and prints no ratio.
 */
public final class BenchCommand implements Command {

  private final Benchmark benchmark;

  public BenchCommand(VerifyLauncher launcher) {
    this(EmbeddedBenchmark.ownServers(launcher));
  }

  BenchCommand(Benchmark benchmark) {
    this.benchmark = checkNotNull(benchmark, "benchmark");
  }

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String summary() {
    return "time verify against a one-query-per-side hash of the same tables on embedded servers";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    BenchOptions options;
    try {
      options = BenchOptionsParser.parse(args);
    } catch (ConfigException e) {
      err.println("pgparity: " + e.getMessage());
      return ExitCode.USAGE.code();
    }
    if (options.help()) {
      out.print(usage());
      return ExitCode.CONSISTENT.code();
    }
    try {
      bench(options, out, err);
      return ExitCode.CONSISTENT.code();
    } catch (BenchCheckException e) {
      err.println("pgparity: bench failed a check, so its times measure something else and it prints no ratios: "
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
    Path file = BenchReport.write(options.out(), started, "# pgparity bench\n\n" + about + markdown);
    out.println();
    out.println("Written to " + file);
  }

  /** The text of {@code pgparity bench --help}. */
  static String usage() {
    return String.join(
        "\n",
        "Usage: " + BenchOptionsParser.usageLine(),
        "",
        "Starts two embedded PostgreSQL servers, loads the same rows into both, links them by logical",
        "replication (no copy), and times verify against the floor: one count(*)/hash query per table",
        "on both servers at once. Each round runs verify lag-aware (the default) and plain, to show",
        "what waiting for the replica costs on an idle one. verify (job) is the whole job (every step,",
        "planning included) as Spring Batch records it; process adds the JVM's Spring start-up.",
        "",
        "Every run is checked: identical ones must be CONSISTENT and report no row, divergent ones must",
        "report exactly the injected rows by key and kind. If a check fails, bench exits 3 and prints",
        "no ratio.",
        "",
        "Options:",
        String.format(Locale.ROOT, "  --rows N         rows per table, %,d to %,d (default %,d)",
            BenchOptions.MIN_ROWS, BenchOptions.MAX_ROWS, BenchOptions.DEFAULT_ROWS),
        "  --rounds R       timed rounds per table and case, 1 to " + BenchOptions.MAX_ROUNDS
            + " (default " + BenchOptions.DEFAULT_ROUNDS + ")",
        "  --out DIR        where run folders and bench/<UTC time>.md go (default reports)",
        "  --tables LIST    comma-separated: users, sessions (default both)",
        "  --no-lag-compare  time only lag-aware verify (the default mode), not also plain verify",
        "  --help           this text",
        "",
        "Run with a bounded heap to see verify's memory use, e.g.",
        "  java -Xmx256m -jar target/pgparity.jar bench --rows 10000000",
        "");
  }
}
