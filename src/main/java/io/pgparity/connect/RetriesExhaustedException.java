package io.pgparity.connect;

import io.pgparity.failure.CompareException;

/**
 * A unit of work that failed transiently on every attempt (standby conflict, lost connection); the
 * run goes on without it and the table it belongs to is left incomplete.
 */
public final class RetriesExhaustedException extends CompareException {

  private final Side side;
  private final int attempts;

  RetriesExhaustedException(String message, Side side, int attempts, Throwable cause) {
    super(message, cause);
    this.side = side;
    this.attempts = attempts;
  }

  /** The side that failed last. */
  public Side side() {
    return side;
  }

  /** How many times the work was tried, the first attempt included. */
  public int attempts() {
    return attempts;
  }
}
