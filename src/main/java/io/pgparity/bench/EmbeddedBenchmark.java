package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.VerifyLauncher;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The benchmark on a pair of servers: loads identical tables on both and links them by logical
 * replication, then per table times the identical case, makes 0.01% of the replica's rows differ
 * and times the divergent case. The servers come from {@code servers}; with {@code stopServers}
 * they are stopped afterwards whatever happens, otherwise (a pair shared with others) the
 * subscription, publication and schema of the benchmark are dropped.
 */
final class EmbeddedBenchmark implements Benchmark {

  private static final Duration LINK_CHECK_TIMEOUT = Duration.ofMinutes(1);

  /** How the timed verify runs are made for a pair of servers. */
  @FunctionalInterface
  interface VerifyRunsFactory {
    VerifyRuns create(BenchOptions options, String primaryUrl, String replicaUrl);

    /** A new process per run, launched with the options' launch command. */
    static VerifyRunsFactory processes() {
      return (options, primaryUrl, replicaUrl) ->
          new ProcessVerify(
              (options.launch() == null ? LaunchCommand.byDefault() : options.launch()).words(),
              primaryUrl,
              replicaUrl,
              options.out());
    }

    /** {@code launcher} inside the bench's JVM, its job timed by an in-memory job repository. */
    static VerifyRunsFactory inJvm(VerifyLauncher launcher) {
      checkNotNull(launcher, "launcher");
      return (options, primaryUrl, replicaUrl) ->
          new TimedVerify(
              launcher, primaryUrl, replicaUrl, options.out(), BatchJobClock.inMemory());
    }
  }

  private final VerifyRunsFactory verifyRuns;
  private final boolean inJvm;
  private final Supplier<EmbeddedPair> servers;
  private final boolean stopServers;

  /** Verify through {@code launcher} inside this JVM (tests that tamper with runs). */
  EmbeddedBenchmark(VerifyLauncher launcher, Supplier<EmbeddedPair> servers, boolean stopServers) {
    this(VerifyRunsFactory.inJvm(launcher), true, servers, stopServers);
  }

  private EmbeddedBenchmark(
      VerifyRunsFactory verifyRuns,
      boolean inJvm,
      Supplier<EmbeddedPair> servers,
      boolean stopServers) {
    this.verifyRuns = checkNotNull(verifyRuns, "verifyRuns");
    this.inJvm = inJvm;
    this.servers = checkNotNull(servers, "servers");
    this.stopServers = stopServers;
  }

  /** Two embedded servers of its own, stopped at the end; each verify a process of its own. */
  static EmbeddedBenchmark ownServers() {
    return new EmbeddedBenchmark(VerifyRunsFactory.processes(), false, EmbeddedPair::start, true);
  }

  /** A shared pair (tests), each verify a process of its own. */
  static EmbeddedBenchmark processesOn(Supplier<EmbeddedPair> servers) {
    return new EmbeddedBenchmark(VerifyRunsFactory.processes(), false, servers, false);
  }

  @Override
  public List<CaseResult> measure(BenchOptions options, PrintStream out, PrintStream err) {
    out.println("Starting two embedded PostgreSQL servers\u2026");
    EmbeddedPair pair = servers.get();
    try {
      return measure(pair, options, out, err);
    } finally {
      if (stopServers) {
        pair.close();
      } else {
        dropFrom(pair, err);
      }
    }
  }

  // a failed clean-up must not hide why the benchmark ended
  private static void dropFrom(EmbeddedPair pair, PrintStream err) {
    try {
      pair.dropReplication(BenchData.PUBLICATION);
      pair.execBoth("DROP SCHEMA IF EXISTS " + BenchTable.SCHEMA + " CASCADE");
    } catch (RuntimeException e) {
      err.println(
          "warning: could not drop the benchmark's subscription, publication or schema: "
              + e.getMessage());
    }
  }

  private List<CaseResult> measure(
      EmbeddedPair pair, BenchOptions options, PrintStream out, PrintStream err) {
    BenchData data = new BenchData(pair);
    data.load(options.tables(), options.rows(), out);
    long linkStart = System.nanoTime();
    data.link(options.tables());
    out.printf(
        Locale.ROOT,
        "Linked the replica to the primary by logical replication without copying"
            + " (subscription %s) in %.1f s; it is streaming.%n",
        BenchData.PUBLICATION,
        (System.nanoTime() - linkStart) / 1e9);
    VerifyRuns verify = verifyRuns.create(options, pair.primaryUrl(), pair.replicaUrl());
    out.println("verify is launched as: " + verify.launchedAs());
    out.println("pg_comparator: not applicable (embedded servers lack the pgcmp extension)");
    if (inJvm) {
      // the first launch in a JVM loads Spring's classes; that one-time cost would skew round 1
      long warmUpStart = System.nanoTime();
      verify.run(
          options.tables().get(0).ref(),
          BenchCase.IDENTICAL,
          VerifyMode.LAG_AWARE,
          InjectedDrift.none());
      out.printf(
          Locale.ROOT,
          "Warm-up verify of %s (cold JVM, not counted): %.1f s.%n",
          options.tables().get(0).ref(),
          (System.nanoTime() - warmUpStart) / 1e9);
    }
    CaseRounds cases =
        new CaseRounds(options, new HashFloor(pair.primary(), pair.replica()), verify, out);
    List<CaseResult> results = cases.all(options.tables(), data, out);
    checkLink(data, out, err);
    return results;
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
}
