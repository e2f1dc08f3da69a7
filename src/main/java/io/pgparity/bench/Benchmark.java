package io.pgparity.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * What {@code pgparity bench} measures before it prints anything of its results: the cases of every
 * table, each checked. A failed check ends it with a {@link BenchCheckException}, and then no ratio
 * is printed.
 */
@FunctionalInterface
interface Benchmark {

  /** The checked cases in order; progress goes to {@code out}, warnings to {@code err}. */
  List<CaseResult> measure(BenchOptions options, PrintStream out, PrintStream err);
}
