package io.pgparity.job;

import io.pgparity.connect.Side;
import io.pgparity.guard.RunStop;
import io.pgparity.hashing.Pacer;
import io.pgparity.live.LagThrottle;
import io.pgparity.live.RowRate;
import io.pgparity.progress.TableProgress;
import java.time.Duration;

/**
 * The run's pacing of hash queries: the job's query time, a pause while the replica lags beyond
 * max-lag, a stop before any new piece once max-runtime or SIGTERM ended the run, and one
 * rows-per-second ceiling per side (each side's rows are charged to its own).
 */
final class RunPacer implements Pacer {

  private final Duration target;
  private final LagThrottle throttle;
  private final RowRate primaryRate;
  private final RowRate replicaRate;
  private final RunStop stop;

  RunPacer(
      Duration target,
      LagThrottle throttle,
      RowRate primaryRate,
      RowRate replicaRate,
      RunStop stop) {
    this.target = target;
    this.stop = stop;
    this.throttle = throttle;
    this.primaryRate = primaryRate;
    this.replicaRate = replicaRate;
  }

  @Override
  public Duration target() {
    return target;
  }

  @Override
  public void beforeQuery() {
    // no new piece once the run is told to stop: the table is left INCOMPLETE (see
    // IncompleteTableFailures)
    stop.check();
    throttle.pauseWhileLagging();
    stop.check();
  }

  @Override
  public void afterQuery(Side side, long rows) {
    // Guava's RateLimiter makes the next acquire wait for this one: charging rows already read
    // paces the following pieces without guessing how many the next will read
    (side == Side.PRIMARY ? primaryRate : replicaRate).acquire(rows);
  }

  /** This pacer, also counting the primary's rows towards one table's progress. */
  Pacer counting(TableProgress progress) {
    RunPacer run = this;
    return new Pacer() {
      @Override
      public Duration target() {
        return run.target();
      }

      @Override
      public void beforeQuery() {
        run.beforeQuery();
      }

      @Override
      public void afterQuery(Side side, long rows) {
        if (side == Side.PRIMARY) {
          progress.hashed(rows, System.nanoTime());
        }
        run.afterQuery(side, rows);
      }
    };
  }

  /** Rows-per-second waits of both sides, for the report. */
  Duration throttled() {
    return primaryRate.throttled().plus(replicaRate.throttled());
  }
}
