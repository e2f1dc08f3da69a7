package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.cli.Command;
import io.pgparity.cli.ExitCode;
import io.pgparity.config.ConfigException;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.VerifyLauncher;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code pgparity bench}: loads identical tables on two embedded servers and links them by logical
 * replication, then times verify against the hashing floor (one full-table hash query per side),
 * first on identical tables, then with 0.01% of the replica's rows changed; each round times
 * lag-aware verify and, to show what lag-awareness costs, plain verify. The servers are stopped
 * whatever happens.
 */
public final class BenchCommand implements Command {

  private static final Duration LINK_CHECK_TIMEOUT = Duration.ofMinutes(1);

  private final VerifyLauncher launcher;

  public BenchCommand(VerifyLauncher launcher) {
    this.launcher = checkNotNull(launcher, "launcher");
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
    } catch (RuntimeException e) {
      err.println("pgparity: bench failed: " + e.getMessage());
      return ExitCode.RUNTIME_FAILURE.code();
    } finally {
      out.flush();
      err.flush();
    }
  }

  private void bench(BenchOptions options, PrintStream out, PrintStream err) {
    Instant started = Instant.now();
    String about = BenchReport.about(options);
    out.print(about);
    out.println("Starting two embedded PostgreSQL servers\u2026");
    try (EmbeddedPair pair = EmbeddedPair.start()) {
      BenchData data = new BenchData(pair);
      out.printf(
          Locale.ROOT, "Loading %,d rows into each of %s on both servers\u2026%n", options.rows(), names(options));
      long loadStart = System.nanoTime();
      data.load(options.tables(), options.rows());
      out.printf(Locale.ROOT, "Loaded in %.1f s (both servers in parallel, incl. primary keys and VACUUM ANALYZE).%n",
          (System.nanoTime() - loadStart) / 1e9);
      long linkStart = System.nanoTime();
      data.link(options.tables());
      out.printf(Locale.ROOT, "Linked the replica to the primary by logical replication without copying"
          + " (subscription %s) in %.1f s; it is streaming.%n",
          BenchData.PUBLICATION, (System.nanoTime() - linkStart) / 1e9);
      TimedVerify verify = new TimedVerify(launcher, pair.primaryUrl(), pair.replicaUrl(), options.out());
      // the first launch in a JVM loads Spring's classes; that one-time cost would skew round 1
      long warmUpStart = System.nanoTime();
      verify.run(options.tables().get(0), BenchCase.IDENTICAL, VerifyMode.LAG_AWARE);
      out.printf(Locale.ROOT, "Warm-up verify of %s (cold JVM, not counted): %.1f s.%n",
          options.tables().get(0).ref(), (System.nanoTime() - warmUpStart) / 1e9);
      CaseRounds cases = new CaseRounds(options, new HashFloor(pair.primary(), pair.replica()), verify, out, err);
      List<CaseResult> results = new ArrayList<>();
      for (BenchTable table : options.tables()) {
        CaseResult identical = cases.identical(table);
        results.add(identical);
        DriftPlan plan = DriftPlan.of(options.rows());
        long injected = data.drift(table, plan);
        if (injected != plan.total()) {
          err.printf(Locale.ROOT, "warning: %s: the drift touched %d rows but should have touched %d%n",
              table.ref(), injected, plan.total());
        }
        out.printf(Locale.ROOT, "%s: the replica now differs in %d row(s) (%d updated, %d deleted, %d inserted).%n",
            table.ref(), injected, plan.updates().size(), plan.deletes().size(), plan.inserts().size());
        results.add(cases.divergent(table, identical.floor(), injected));
      }
      checkLink(data, out, err);
      String markdown = BenchReport.markdown(results);
      out.println();
      out.print(markdown);
      Path file = BenchReport.write(options.out(), started, "# pgparity bench\n\n" + about + markdown);
      out.println();
      out.println("Written to " + file);
    }
  }

  // a link that broke during the runs would have let lag-aware verify run against a stopped replica
  private static void checkLink(BenchData data, PrintStream out, PrintStream err) {
    try {
      data.awaitLinkCaughtUp(LINK_CHECK_TIMEOUT);
      out.println("The subscription was still streaming and caught up after the runs.");
    } catch (IllegalStateException e) {
      err.println("warning: the replication link did not hold during the runs: " + e.getMessage());
    }
  }

  private static String names(BenchOptions options) {
    return String.join(", ", options.tables().stream().map(t -> t.ref().toString()).toList());
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
        "what waiting for the replica costs on an idle one.",
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
