package io.pgparity.guard;

import io.pgparity.config.units.DurationText;
import java.time.Duration;

/**
 * Whether a run should stop starting new work: its max-runtime is spent, or it was told to stop
 * (SIGTERM). Work already started finishes; tables not finished become INCOMPLETE with the reason.
 */
public final class RunStop {

  private final Duration budget;
  private final long deadline;
  private volatile String reason;

  private RunStop(Duration budget) {
    this.budget = budget;
    this.deadline = System.nanoTime() + (budget.isZero() ? 0 : budget.toNanos());
  }

  /** A run that stops only when told to. */
  public static RunStop never() {
    return new RunStop(Duration.ZERO);
  }

  /** A run that stops once {@code maxRuntime} has passed from now; zero means no limit. */
  public static RunStop after(Duration maxRuntime) {
    return new RunStop(maxRuntime);
  }

  /** Tells the run to stop; the first reason is kept. */
  public synchronized void stop(String why) {
    if (reason == null) {
      reason = why;
    }
  }

  /** Why the run stops, or null while it may go on. */
  public String reason() {
    if (reason == null && !budget.isZero() && System.nanoTime() - deadline >= 0) {
      stop("max-runtime " + DurationText.format(budget) + " reached; run again");
    }
    return reason;
  }

  /**
   * Called before new work starts.
   *
   * @throws RunStoppedException once the run should stop
   */
  public void check() {
    String why = reason();
    if (why != null) {
      throw new RunStoppedException(why);
    }
  }
}
