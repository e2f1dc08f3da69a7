package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * The rounds of one table in one case. Round i of {@code job} and {@code process} is divided by
 * round i of {@code floor}; the divergent case reuses the identical case's floor rounds, since
 * 0.01% drift does not change what the floor query reads.
 */
record CaseResult(
    BenchTable table,
    long rows,
    BenchCase benchCase,
    List<Double> floor,
    List<Double> job,
    List<Double> process,
    long peakHeapBytes) {

  CaseResult {
    checkNotNull(table, "table");
    checkNotNull(benchCase, "benchCase");
    floor = List.copyOf(floor);
    job = List.copyOf(job);
    process = List.copyOf(process);
    checkArgument(!floor.isEmpty(), "a case needs at least one round");
    checkArgument(
        floor.size() == job.size() && job.size() == process.size(),
        "every round needs a floor, job and process time but got %s, %s and %s",
        floor.size(),
        job.size(),
        process.size());
  }

  double floorSeconds() {
    return Medians.median(floor);
  }

  /** The verify job's own time on the table, from summary.json. */
  double jobSeconds() {
    return Medians.median(job);
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
}
