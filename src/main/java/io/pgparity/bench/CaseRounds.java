package io.pgparity.bench;

import io.pgparity.table.TableRef;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the rounds of one table's cases: per round the floor (identical case only), verify
 * (lag-aware and, unless skipped, plain) and pg_comparator when there is one, interleaved in an
 * order that rotates from round to round, so none always runs on caches another warmed; prints one
 * progress line per round. A run that does not find exactly what the case expects ends the
 * benchmark with a {@link BenchCheckException}.
 */
final class CaseRounds {

  /** What a round times. */
  enum Contender {
    FLOOR,
    VERIFY,
    PG_COMPARATOR
  }

  private final BenchOptions options;
  private final String schema;
  private final HashFloor floor;
  private final VerifyRuns verify;
  private final PgComparator pgComparator;
  private final PrintStream out;

  CaseRounds(BenchOptions options, HashFloor floor, VerifyRuns verify, PrintStream out) {
    this(options, BenchTable.SCHEMA, floor, verify, null, out);
  }

  /** {@code pgComparator} null: not run. */
  CaseRounds(
      BenchOptions options,
      String schema,
      HashFloor floor,
      VerifyRuns verify,
      PgComparator pgComparator,
      PrintStream out) {
    this.options = options;
    this.schema = schema;
    this.floor = floor;
    this.verify = verify;
    this.pgComparator = pgComparator;
    this.out = out;
  }

  /**
   * The contenders of round {@code round} (from 1) in the order they run: the case's list rotated
   * by one place per round.
   */
  static List<Contender> order(int round, boolean withFloor, boolean withPgComparator) {
    List<Contender> contenders = new ArrayList<>();
    if (withFloor) {
      contenders.add(Contender.FLOOR);
    }
    contenders.add(Contender.VERIFY);
    if (withPgComparator) {
      contenders.add(Contender.PG_COMPARATOR);
    }
    Collections.rotate(contenders, -((round - 1) % contenders.size()));
    return contenders;
  }

  /**
   * Per table, the identical case, then makes 0.01% of the replica's rows differ ({@link
   * DriftPlan}) and checks the drift touched exactly those, then the divergent case.
   */
  List<CaseResult> all(List<BenchTable> tables, BenchData data, PrintStream out) {
    List<CaseResult> results = new ArrayList<>();
    for (BenchTable table : tables) {
      CaseResult identical = identical(table);
      results.add(identical);
      DriftPlan plan = DriftPlan.of(options.rows());
      InjectedDrift injected = data.drift(table, plan);
      if (injected.size() != plan.total()) {
        throw new BenchCheckException(
            String.format(
                Locale.ROOT,
                "%s: the drift touched %d rows but should have touched %d (%d updated, %d deleted, %d inserted)",
                table.in(schema),
                injected.size(),
                plan.total(),
                plan.updates().size(),
                plan.deletes().size(),
                plan.inserts().size()));
      }
      out.printf(
          Locale.ROOT,
          "%s: the replica now differs in %d row(s) (%d updated, %d deleted, %d inserted).%n",
          table.in(schema),
          injected.size(),
          plan.updates().size(),
          plan.deletes().size(),
          plan.inserts().size());
      results.add(divergent(table, identical.floor(), injected));
    }
    return results;
  }

  /** The identical case, measuring the floor in every round; every run must report nothing. */
  CaseResult identical(BenchTable table) {
    return rounds(table, BenchCase.IDENTICAL, null, InjectedDrift.none());
  }

  /**
   * The divergent case, reusing the identical case's floor rounds; every run must report exactly
   * the {@code injected} rows.
   */
  CaseResult divergent(BenchTable table, List<Double> floors, InjectedDrift injected) {
    return rounds(table, BenchCase.DIVERGENT, floors, injected);
  }

  private CaseResult rounds(
      BenchTable table, BenchCase benchCase, List<Double> reusedFloors, InjectedDrift injected) {
    TableRef target = table.in(schema);
    List<Double> floors = new ArrayList<>();
    List<Double> comparisons = new ArrayList<>();
    Map<VerifyMode, List<TimedVerify.Round>> rounds = new EnumMap<>(VerifyMode.class);
    for (int round = 1; round <= options.rounds(); round++) {
      double floorSeconds = reusedFloors == null ? Double.NaN : reusedFloors.get(round - 1);
      double comparatorSeconds = Double.NaN;
      Map<VerifyMode, TimedVerify.Round> runs = new EnumMap<>(VerifyMode.class);
      for (Contender contender : order(round, reusedFloors == null, pgComparator != null)) {
        switch (contender) {
          case FLOOR -> floorSeconds = floor(target);
          case VERIFY -> {
            for (VerifyMode mode : VerifyMode.order(round, options.lagCompare())) {
              TimedVerify.Round run = verify.run(target, benchCase, mode, injected);
              runs.put(mode, run);
              rounds.computeIfAbsent(mode, m -> new ArrayList<>()).add(run);
            }
          }
          case PG_COMPARATOR -> comparatorSeconds = pgComparator.timed(table, benchCase, injected);
        }
      }
      floors.add(floorSeconds);
      if (pgComparator != null) {
        comparisons.add(comparatorSeconds);
      }
      progress(target, benchCase, round, floorSeconds, runs, comparatorSeconds);
    }
    return CaseResult.of(
        target,
        table,
        options.rows(),
        benchCase,
        floors,
        rounds.get(VerifyMode.LAG_AWARE),
        rounds.getOrDefault(VerifyMode.PLAIN, List.of()),
        comparisons);
  }

  private double floor(TableRef target) {
    HashFloor.Measurement measured = floor.measure(target);
    if (!measured.sidesAgree()) {
      // then the tables are not identical and the identical case would time something else
      throw new BenchCheckException(
          target
              + ": the floor query's count or hash sum differs on the two"
              + " servers although they were loaded with the same rows");
    }
    return measured.seconds();
  }

  private void progress(
      TableRef table,
      BenchCase benchCase,
      int round,
      double floorSeconds,
      Map<VerifyMode, TimedVerify.Round> runs,
      double comparatorSeconds) {
    TimedVerify.Round lagAware = runs.get(VerifyMode.LAG_AWARE);
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "  %s, %s, round %d: floor %.2f s, verify (process) %.2f s, verify (job) %.2f s",
                table,
                benchCase.label(),
                round,
                floorSeconds,
                lagAware.processSeconds(),
                lagAware.jobSeconds()));
    if (!lagAware.job().steps().isEmpty()) {
      line.append(String.format(Locale.ROOT, " (steps: %s)", lagAware.job().stepsText()));
    }
    line.append(
        String.format(Locale.ROOT, ", hash+diff of the table %.2f s", lagAware.hashDiffSeconds()));
    if (lagAware.peakHeapBytes() > 0) {
      line.append(
          String.format(
              Locale.ROOT, ", peak heap %d MiB", BenchReport.mebibytes(lagAware.peakHeapBytes())));
    }
    TimedVerify.Round plain = runs.get(VerifyMode.PLAIN);
    if (plain != null) {
      line.append(
          String.format(
              Locale.ROOT,
              "; plain verify (process) %.2f s, (job) %.2f s",
              plain.processSeconds(),
              plain.jobSeconds()));
    }
    if (!Double.isNaN(comparatorSeconds)) {
      line.append(String.format(Locale.ROOT, "; pg_comparator %.2f s", comparatorSeconds));
    }
    out.println(line);
  }
}
