package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.cli.Command;
import io.pgparity.cli.ExitCode;
import io.pgparity.config.ConfigException;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.VerifyLauncher;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code pgparity bench}: loads identical tables on two embedded servers, then times verify
 * against the hashing floor (one full-table hash query per side), first on identical tables, then
 * with 0.01% of the replica's rows changed. The servers are stopped whatever happens.
 */
public final class BenchCommand implements Command {

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
      BenchData data = new BenchData(pair.primary(), pair.replica());
      out.printf(
          Locale.ROOT, "Loading %,d rows into each of %s on both servers\u2026%n", options.rows(), names(options));
      long loadStart = System.nanoTime();
      data.load(options.tables(), options.rows());
      out.printf(Locale.ROOT, "Loaded in %.1f s (both servers in parallel, incl. primary keys and VACUUM ANALYZE).%n",
          (System.nanoTime() - loadStart) / 1e9);
      HashFloor floor = new HashFloor(pair.primary(), pair.replica());
      TimedVerify verify = new TimedVerify(launcher, pair.primaryUrl(), pair.replicaUrl(), options.out());
      // the first launch in a JVM loads Spring's classes; that one-time cost would skew round 1
      long warmUpStart = System.nanoTime();
      verify.run(options.tables().get(0), BenchCase.IDENTICAL);
      out.printf(Locale.ROOT, "Warm-up verify of %s (cold JVM, not counted): %.1f s.%n",
          options.tables().get(0).ref(), (System.nanoTime() - warmUpStart) / 1e9);
      List<CaseResult> results = new ArrayList<>();
      for (BenchTable table : options.tables()) {
        CaseResult identical = identical(table, options, floor, verify, out, err);
        results.add(identical);
        DriftPlan plan = DriftPlan.of(options.rows());
        long injected = data.drift(table, plan);
        if (injected != plan.total()) {
          err.printf(Locale.ROOT, "warning: %s: the drift touched %d rows but should have touched %d%n",
              table.ref(), injected, plan.total());
        }
        out.printf(Locale.ROOT, "%s: the replica now differs in %d row(s) (%d updated, %d deleted, %d inserted).%n",
            table.ref(), injected, plan.updates().size(), plan.deletes().size(), plan.inserts().size());
        results.add(divergent(table, options, identical.floor(), injected, verify, out, err));
      }
      String markdown = BenchReport.markdown(results);
      out.println();
      out.print(markdown);
      Path file = BenchReport.write(options.out(), started, "# pgparity bench\n\n" + about + markdown);
      out.println();
      out.println("Written to " + file);
    }
  }

  private static CaseResult identical(
      BenchTable table, BenchOptions options, HashFloor floor, TimedVerify verify, PrintStream out, PrintStream err) {
    List<Double> floors = new ArrayList<>();
    List<TimedVerify.Round> rounds = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      HashFloor.Measurement measured = floor.measure(table);
      if (!measured.sidesAgree()) {
        err.printf("warning: %s: the floor query's count or hash sum differs on identical tables%n", table.ref());
      }
      floors.add(measured.seconds());
      rounds.add(verify.run(table, BenchCase.IDENTICAL));
      progress(out, table, BenchCase.IDENTICAL, round, measured.seconds(), rounds.get(rounds.size() - 1));
    }
    return result(table, options, BenchCase.IDENTICAL, floors, rounds);
  }

  private static CaseResult divergent(
      BenchTable table, BenchOptions options, List<Double> floors, long injected, TimedVerify verify,
      PrintStream out, PrintStream err) {
    List<TimedVerify.Round> rounds = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      TimedVerify.Round measured = verify.run(table, BenchCase.DIVERGENT);
      if (measured.divergentRows() != injected) {
        err.printf(Locale.ROOT, "warning: %s: verify reported %d divergent rows but %d were injected%n",
            table.ref(), measured.divergentRows(), injected);
      }
      rounds.add(measured);
      progress(out, table, BenchCase.DIVERGENT, round, floors.get(round - 1), measured);
    }
    return result(table, options, BenchCase.DIVERGENT, floors, rounds);
  }

  private static CaseResult result(
      BenchTable table,
      BenchOptions options,
      BenchCase benchCase,
      List<Double> floors,
      List<TimedVerify.Round> rounds) {
    return new CaseResult(
        table,
        options.rows(),
        benchCase,
        floors,
        rounds.stream().map(TimedVerify.Round::jobSeconds).toList(),
        rounds.stream().map(TimedVerify.Round::processSeconds).toList(),
        rounds.stream().mapToLong(TimedVerify.Round::peakHeapBytes).max().orElse(0));
  }

  private static void progress(
      PrintStream out, BenchTable table, BenchCase benchCase, int round, double floor, TimedVerify.Round verify) {
    out.printf(Locale.ROOT, "  %s, %s, round %d: floor %.2f s, verify (job) %.2f s, verify (process) %.2f s,"
            + " peak heap %d MiB%n",
        table.ref(), benchCase.label(), round, floor, verify.jobSeconds(), verify.processSeconds(),
        BenchReport.mebibytes(verify.peakHeapBytes()));
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
        "Starts two embedded PostgreSQL servers, loads the same rows into both, and times verify",
        "against the floor: one count(*)/hash query per table on both servers at once.",
        "",
        "Options:",
        String.format(Locale.ROOT, "  --rows N         rows per table, %,d to %,d (default %,d)",
            BenchOptions.MIN_ROWS, BenchOptions.MAX_ROWS, BenchOptions.DEFAULT_ROWS),
        "  --rounds R       timed rounds per table and case, 1 to " + BenchOptions.MAX_ROUNDS
            + " (default " + BenchOptions.DEFAULT_ROUNDS + ")",
        "  --out DIR        where run folders and bench/<UTC time>.md go (default reports)",
        "  --tables LIST    comma-separated: users, sessions (default both)",
        "  --help           this text",
        "",
        "Run with a bounded heap to see verify's memory use, e.g.",
        "  java -Xmx256m -jar target/pgparity.jar bench --rows 10000000",
        "");
  }
}
