package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * The rounds of the many-tables case, each list one value per round: the floor one query per table
 * and as one UNION ALL query per server, verify's job time and its launch in this JVM, and the
 * start-up process's launches (empty when not timed). Ratios are per round, then the median.
 */
record ManyTablesResult(
    int tableCount,
    long rows,
    List<Double> floor,
    List<Double> floorUnion,
    List<Double> job,
    List<Double> launch,
    List<VerifyStartup.Launch> startup) {

  ManyTablesResult {
    floor = List.copyOf(floor);
    floorUnion = List.copyOf(floorUnion);
    job = List.copyOf(job);
    launch = List.copyOf(launch);
    startup = List.copyOf(startup);
    checkArgument(!floor.isEmpty(), "a case needs at least one round");
    checkArgument(
        floorUnion.size() == floor.size()
            && job.size() == floor.size()
            && launch.size() == floor.size()
            && (startup.isEmpty() || startup.size() == floor.size()),
        "every round needs every time but got %s floor, %s union, %s job, %s launch and %s start-up",
        floor.size(),
        floorUnion.size(),
        job.size(),
        launch.size(),
        startup.size());
  }

  /** The target: verify's job at most this many times the per-table floor. */
  static final double TARGET = 3.0;

  double jobRatio() {
    return Medians.medianRatio(job, floor);
  }

  double jobUnionRatio() {
    return Medians.medianRatio(job, floorUnion);
  }

  /** The median of a start-up part over the rounds, NaN when never logged. */
  double startupMedian(java.util.function.ToDoubleFunction<VerifyStartup.Launch> part) {
    List<Double> values =
        startup.stream().map(part::applyAsDouble).filter(v -> !Double.isNaN(v)).toList();
    return values.isEmpty() ? Double.NaN : Medians.median(values);
  }
}
