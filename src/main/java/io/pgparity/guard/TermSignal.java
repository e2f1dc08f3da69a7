package io.pgparity.guard;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM (Kubernetes stopping a pod) into a stop of the running verify: the run finishes the
 * queries in flight, writes its reports and exits with code 4 (INCOMPLETE) on its own. A shutdown
 * hook could not do that: the JVM would exit with 143 once hooks end, whatever the run returned. If
 * the run has not ended within {@code bound}, the JVM halts with 143 so the pod never outlives its
 * grace period.
 */
public final class TermSignal implements AutoCloseable {

  /** Kubernetes waits 30 s by default before SIGKILL; the run gets most of that. */
  public static final Duration DEFAULT_BOUND = Duration.ofSeconds(20);

  /** 128 + 15, what a process killed by SIGTERM reports. */
  public static final int HALT_CODE = 143;

  private static final Logger log = LoggerFactory.getLogger(TermSignal.class);
  private static final Signal TERM = new Signal("TERM");

  private final SignalHandler previous;

  private TermSignal(SignalHandler previous) {
    this.previous = previous;
  }

  /**
   * Until closed, SIGTERM stops {@code stop} with the reason "stopped by SIGTERM"; the JVM halts if
   * the run has not ended {@code bound} later. Without signal support (-Xrs), SIGTERM keeps its
   * default and the run is stopped the hard way.
   */
  public static TermSignal stopping(RunStop stop, Duration bound) {
    try {
      return new TermSignal(Signal.handle(TERM, signal -> onTerm(stop, bound)));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log.warn("Cannot handle SIGTERM ({}); a stopped run will write no reports", e.getMessage());
      return new TermSignal(null);
    }
  }

  private static void onTerm(RunStop stop, Duration bound) {
    log.warn(
        "SIGTERM received: finishing queries in flight and writing reports (at most {} s)",
        bound.toSeconds());
    stop.stop("stopped by SIGTERM");
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(bound.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              log.error(
                  "Run did not stop within {} s of SIGTERM; exiting with {}",
                  bound.toSeconds(),
                  HALT_CODE);
              Runtime.getRuntime().halt(HALT_CODE);
            },
            "sigterm-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** Gives SIGTERM its previous handler back. */
  @Override
  public void close() {
    if (previous != null) {
      Signal.handle(TERM, previous);
    }
  }
}
