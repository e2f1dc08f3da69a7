package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import io.pgparity.table.TableRef;
import java.util.List;

/**
 * The rounds of one table in one case. {@code job}, {@code hashDiff} and {@code process} are the
 * lag-aware runs (the default); {@code plainJob} and {@code plainProcess} the plain runs of the
 * same rounds, or empty when the plain run was skipped. Round i of the lag-aware times is divided
 * by round i of {@code floor} and of the plain times; the divergent case reuses the identical
 * case's floor rounds, since 0.01% drift does not change what the floor query reads.
 */
record CaseResult(
    BenchTable table,
    long rows,
    BenchCase benchCase,
    List<Double> floor,
    List<Double> job,
    List<Double> hashDiff,
    List<Double> process,
    long peakHeapBytes,
    List<Double> plainJob,
    List<Double> plainProcess,
    TableRef where,
    List<Double> pgComparator) {

  /** A case of a table in schema {@code bench} without pg_comparator. */
  CaseResult(
      BenchTable table,
      long rows,
      BenchCase benchCase,
      List<Double> floor,
      List<Double> job,
      List<Double> hashDiff,
      List<Double> process,
      long peakHeapBytes,
      List<Double> plainJob,
      List<Double> plainProcess) {
    this(
        table,
        rows,
        benchCase,
        floor,
        job,
        hashDiff,
        process,
        peakHeapBytes,
        plainJob,
        plainProcess,
        table.ref(),
        List.of());
  }

  CaseResult {
    checkNotNull(table, "table");
    checkNotNull(where, "where");
    pgComparator = List.copyOf(pgComparator);
    checkArgument(
        pgComparator.isEmpty() || pgComparator.size() == floor.size(),
        "pg_comparator must be skipped or timed in all %s rounds but got %s times",
        floor.size(),
        pgComparator.size());
    checkNotNull(benchCase, "benchCase");
    floor = List.copyOf(floor);
    job = List.copyOf(job);
    hashDiff = List.copyOf(hashDiff);
    process = List.copyOf(process);
    plainJob = List.copyOf(plainJob);
    plainProcess = List.copyOf(plainProcess);
    checkArgument(!floor.isEmpty(), "a case needs at least one round");
    checkArgument(
        floor.size() == job.size() && job.size() == hashDiff.size() && job.size() == process.size(),
        "every round needs a floor, job, hash+diff and process time but got %s, %s, %s and %s",
        floor.size(),
        job.size(),
        hashDiff.size(),
        process.size());
    checkArgument(
        plainJob.size() == plainProcess.size()
            && (plainJob.isEmpty() || plainJob.size() == job.size()),
        "plain runs must be skipped or timed in all %s rounds but got %s job and %s process times",
        job.size(),
        plainJob.size(),
        plainProcess.size());
  }

  /**
   * The case from its floor times and its rounds; {@code plain} is empty when skipped. The peak
   * heap is the lag-aware runs'.
   */
  static CaseResult of(
      BenchTable table,
      long rows,
      BenchCase benchCase,
      List<Double> floor,
      List<TimedVerify.Round> lagAware,
      List<TimedVerify.Round> plain) {
    return of(table.ref(), table, rows, benchCase, floor, lagAware, plain, List.of());
  }

  /**
   * The same for {@code table} at {@code where} (its schema), with pg_comparator's times, empty
   * when it did not run.
   */
  static CaseResult of(
      TableRef where,
      BenchTable table,
      long rows,
      BenchCase benchCase,
      List<Double> floor,
      List<TimedVerify.Round> lagAware,
      List<TimedVerify.Round> plain,
      List<Double> pgComparator) {
    return new CaseResult(
        table,
        rows,
        benchCase,
        floor,
        lagAware.stream().map(TimedVerify.Round::jobSeconds).toList(),
        lagAware.stream().map(TimedVerify.Round::hashDiffSeconds).toList(),
        lagAware.stream().map(TimedVerify.Round::processSeconds).toList(),
        lagAware.stream().mapToLong(TimedVerify.Round::peakHeapBytes).max().orElse(0),
        plain.stream().map(TimedVerify.Round::jobSeconds).toList(),
        plain.stream().map(TimedVerify.Round::processSeconds).toList(),
        where,
        pgComparator);
  }

  /** Whether pg_comparator ran in every round. */
  boolean withPgComparator() {
    return !pgComparator.isEmpty();
  }

  double pgComparatorSeconds() {
    checkState(withPgComparator(), "%s, %s: pg_comparator did not run", where, benchCase.label());
    return Medians.median(pgComparator);
  }

  /**
   * pg_comparator over verify's process, median of the rounds' ratios: how much faster verify is.
   */
  double speedUp() {
    checkState(withPgComparator(), "%s, %s: pg_comparator did not run", where, benchCase.label());
    return Medians.medianRatio(pgComparator, process);
  }

  /** verify's process seconds per million rows, to compare runs of different --rows. */
  double processSecondsPerMillionRows() {
    return processSeconds() / (rows / 1e6);
  }

  double floorSeconds() {
    return Medians.median(floor);
  }

  /**
   * The verify job's own time as Spring Batch records it, every step included (planning, audit,
   * hashing, diffing, reports), the JVM's Spring start-up not.
   */
  double jobSeconds() {
    return Medians.median(job);
  }

  /** The part of the run spent hashing and diffing the table (its seconds in summary.json). */
  double hashDiffSeconds() {
    return Medians.median(hashDiff);
  }

  double jobRatio() {
    return Medians.medianRatio(job, floor);
  }

  /** The wall time of the launch, including the Spring context start-up. */
  double processSeconds() {
    return Medians.median(process);
  }

  double processRatio() {
    return Medians.medianRatio(process, floor);
  }

  /** Whether the plain runs were timed, so the lag-aware/plain figures exist. */
  boolean compared() {
    return !plainJob.isEmpty();
  }

  double plainJobSeconds() {
    requireCompared();
    return Medians.median(plainJob);
  }

  /** Lag-aware over plain, job time: what waiting for the replica cost. */
  double lagJobRatio() {
    requireCompared();
    return Medians.medianRatio(job, plainJob);
  }

  double plainProcessSeconds() {
    requireCompared();
    return Medians.median(plainProcess);
  }

  /**
   * Lag-aware over plain, launch wall time, which includes finding out what kind of replica it is.
   */
  double lagProcessRatio() {
    requireCompared();
    return Medians.medianRatio(process, plainProcess);
  }

  private void requireCompared() {
    checkState(
        compared(),
        "%s, %s: the plain run was skipped (--no-lag-compare)",
        table.ref(),
        benchCase.label());
  }
}
