package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Locale;

/**
 * The verify job's own clock: how long the last launch's job ran from its start to its end, and its
 * steps. The benchmark hands the launcher the job repository this clock reads.
 */
interface JobClock {

  /** One step of the job (not a partition of it), e.g. {@code planRanges 0.21 s}. */
  record StepTime(String name, double seconds) {
    public StepTime {
      checkNotNull(name, "name");
      checkArgument(seconds >= 0, "step %s took %s s", name, seconds);
    }
  }

  /**
   * The job execution's time from its start to its end, and its steps in the order they started.
   */
  record JobTime(double seconds, List<StepTime> steps) {
    public JobTime {
      checkArgument(seconds >= 0, "the job took %s s", seconds);
      steps = List.copyOf(steps);
    }

    /** E.g. {@code planRanges 0.21 + auditReplication 0.08 + hashRanges 1.40}. */
    String stepsText() {
      return String.join(
          " + ",
          steps.stream()
              .map(s -> String.format(Locale.ROOT, "%s %.2f", s.name(), s.seconds()))
              .toList());
    }
  }

  /**
   * The job repository URL to give the launcher; null keeps the launcher's own (stand-ins only).
   */
  String jobRepositoryUrl();

  /** The launch that just ended; fails if no job ran since the last call. */
  JobTime lastJob();
}
