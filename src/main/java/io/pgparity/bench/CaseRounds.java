package io.pgparity.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the rounds of one table's cases: per round the floor (identical case only) and verify,
 * lag-aware and, unless skipped, plain, interleaved; prints one progress line per round. A run that
 * does not find exactly what the case expects ends the benchmark with a {@link
 * BenchCheckException}.
 */
final class CaseRounds {

  private final BenchOptions options;
  private final HashFloor floor;
  private final TimedVerify verify;
  private final PrintStream out;

  CaseRounds(BenchOptions options, HashFloor floor, TimedVerify verify, PrintStream out) {
    this.options = options;
    this.floor = floor;
    this.verify = verify;
    this.out = out;
  }

  /** The identical case, measuring the floor in every round; every run must report nothing. */
  CaseResult identical(BenchTable table) {
    List<Double> floors = new ArrayList<>();
    Map<VerifyMode, List<TimedVerify.Round>> rounds = new EnumMap<>(VerifyMode.class);
    for (int round = 1; round <= options.rounds(); round++) {
      HashFloor.Measurement measured = floor.measure(table);
      if (!measured.sidesAgree()) {
        // then the tables are not identical and the identical case would time something else
        throw new BenchCheckException(
            table.ref()
                + ": the floor query's count or hash sum differs on the two"
                + " servers although they were loaded with the same rows");
      }
      floors.add(measured.seconds());
      verifyRound(
          table, BenchCase.IDENTICAL, round, measured.seconds(), rounds, InjectedDrift.none());
    }
    return result(table, BenchCase.IDENTICAL, floors, rounds);
  }

  /**
   * The divergent case, reusing the identical case's floor rounds; every run must report exactly
   * the {@code injected} rows.
   */
  CaseResult divergent(BenchTable table, List<Double> floors, InjectedDrift injected) {
    Map<VerifyMode, List<TimedVerify.Round>> rounds = new EnumMap<>(VerifyMode.class);
    for (int round = 1; round <= options.rounds(); round++) {
      verifyRound(table, BenchCase.DIVERGENT, round, floors.get(round - 1), rounds, injected);
    }
    return result(table, BenchCase.DIVERGENT, floors, rounds);
  }

  private void verifyRound(
      BenchTable table,
      BenchCase benchCase,
      int round,
      double floorSeconds,
      Map<VerifyMode, List<TimedVerify.Round>> rounds,
      InjectedDrift injected) {
    Map<VerifyMode, TimedVerify.Round> runs = new EnumMap<>(VerifyMode.class);
    for (VerifyMode mode : VerifyMode.order(round, options.lagCompare())) {
      TimedVerify.Round run = verify.run(table, benchCase, mode, injected);
      runs.put(mode, run);
      rounds.computeIfAbsent(mode, m -> new ArrayList<>()).add(run);
    }
    progress(table, benchCase, round, floorSeconds, runs);
  }

  private CaseResult result(
      BenchTable table,
      BenchCase benchCase,
      List<Double> floors,
      Map<VerifyMode, List<TimedVerify.Round>> rounds) {
    return CaseResult.of(
        table,
        options.rows(),
        benchCase,
        floors,
        rounds.get(VerifyMode.LAG_AWARE),
        rounds.getOrDefault(VerifyMode.PLAIN, List.of()));
  }

  private void progress(
      BenchTable table,
      BenchCase benchCase,
      int round,
      double floorSeconds,
      Map<VerifyMode, TimedVerify.Round> runs) {
    TimedVerify.Round lagAware = runs.get(VerifyMode.LAG_AWARE);
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "  %s, %s, round %d: floor %.2f s, verify (job) %.2f s (steps: %s; hash+diff of the table %.2f s),"
                    + " verify (process) %.2f s, peak heap %d MiB",
                table.ref(),
                benchCase.label(),
                round,
                floorSeconds,
                lagAware.jobSeconds(),
                lagAware.job().stepsText(),
                lagAware.hashDiffSeconds(),
                lagAware.processSeconds(),
                BenchReport.mebibytes(lagAware.peakHeapBytes())));
    TimedVerify.Round plain = runs.get(VerifyMode.PLAIN);
    if (plain != null) {
      line.append(
          String.format(
              Locale.ROOT,
              "; plain verify (job) %.2f s, (process) %.2f s",
              plain.jobSeconds(),
              plain.processSeconds()));
    }
    out.println(line);
  }
}
