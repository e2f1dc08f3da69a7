package io.pgparity.compare;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.Settle;
import io.pgparity.live.CatchUp;
import java.time.Duration;

/**
 * How suspect rows of one table are judged on a live pair: the replica catch-up to wait for, the
 * number of extra rounds and the delay between them, and the table's settle window (nullable).
 */
public record LiveRecheck(CatchUp catchUp, int rechecks, Duration delay, Settle settle) {

  public LiveRecheck {
    checkNotNull(catchUp, "catchUp");
    checkNotNull(delay, "delay");
    checkArgument(rechecks >= 0, "rechecks must not be negative but was %s", rechecks);
  }

  /** No waiting and no extra rounds: for a replica that does not move, or for tests. */
  public static LiveRecheck none() {
    return new LiveRecheck(CatchUp.none(), 0, Duration.ZERO, null);
  }
}
