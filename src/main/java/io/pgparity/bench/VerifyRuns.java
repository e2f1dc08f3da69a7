package io.pgparity.bench;

import io.pgparity.table.TableRef;

/**
 * How the benchmark runs one timed verify of a table: a new process launched as users launch it
 * ({@link ProcessVerify}), or the launcher inside the bench's own JVM ({@link TimedVerify}, for
 * tests that tamper with a run). Either checks that the run found exactly what the replica was made
 * to differ in, and throws {@link BenchCheckException} otherwise.
 */
interface VerifyRuns {

  /** Verifies {@code table} in {@code mode}, timed and checked against {@code injected}. */
  TimedVerify.Round run(
      TableRef table, BenchCase expected, VerifyMode mode, InjectedDrift injected);

  /** What a round's process time measures, for the report, e.g. the launch command. */
  String launchedAs();
}
