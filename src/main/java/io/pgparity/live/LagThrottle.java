package io.pgparity.live;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.LiveTuning;
import io.pgparity.connect.ServerPair;
import io.pgparity.failure.CompareException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds heavy queries back while the replica lags more than max-lag WAL bytes behind the primary,
 * so that a run does not add its reads to a replica that is already struggling; shared by all
 * worker threads. While the lag is within bounds it is read at most once every {@value
 * #CHECK_EVERY_MILLIS} ms, so the check costs next to nothing per query; while pausing, threads
 * share one reading per poll. Independent of lag-aware: max-lag 0 (the default) turns it off, and
 * so does a replica that does not follow the primary.
 */
public final class LagThrottle {

  private static final Logger log = LoggerFactory.getLogger(LagThrottle.class);
  private static final long CHECK_EVERY_MILLIS = 1000;
  private static final long SHARED_READ_MILLIS = 20;
  private static final long FIRST_SLEEP_MILLIS = 50;
  private static final long MAX_SLEEP_MILLIS = 1000;

  private final boolean enabled;
  private final long maxLagBytes;
  private final Duration maxWait;
  private final WalPositions positions;
  private final StallDiagnosis diagnosis;
  private final ReentrantLock reading = new ReentrantLock();
  private volatile WalPositions.Lag last;
  private volatile long lastAt;
  private int waiting;
  private long pauseStarted = -1;
  private long pauses;
  private long pausedNanos;
  private long largestLagBytes;

  public LagThrottle(ServerPair pair, ReplicationLink link, LiveTuning tuning) {
    checkNotNull(pair, "pair");
    checkNotNull(link, "link");
    this.enabled = tuning.maxLagBytes() > 0 && link.kind().followsPrimary();
    this.maxLagBytes = tuning.maxLagBytes();
    this.maxWait = tuning.maxWait();
    this.positions = new WalPositions(pair, link);
    this.diagnosis = new StallDiagnosis(pair, link);
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * Returns at once while the lag is within max-lag; otherwise waits until it is, and throws {@link
   * ReplicaStalledException} with the reason if that takes longer than max-wait.
   */
  public void pauseWhileLagging() {
    if (!enabled) {
      return;
    }
    WalPositions.Lag lag = read(CHECK_EVERY_MILLIS);
    if (lag.bytes() <= maxLagBytes) {
      return;
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    enter(lag.bytes());
    boolean resumed = false;
    try {
      long sleep = FIRST_SLEEP_MILLIS;
      while (lag.bytes() > maxLagBytes) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new ReplicaStalledException(
              "the replica stayed "
                  + LagText.bytes(lag.bytes())
                  + " behind the primary,"
                  + " above max-lag "
                  + LagText.bytes(maxLagBytes)
                  + ", for max-wait "
                  + LagText.duration(maxWait)
                  + ": "
                  + diagnosis.explain(lag.bytes()));
        }
        pause(Math.min(sleep, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
        sleep = Math.min(sleep * 2, MAX_SLEEP_MILLIS);
        lag = read(SHARED_READ_MILLIS);
      }
      resumed = true;
    } finally {
      leave(lag.bytes(), resumed);
    }
  }

  /** A snapshot of the pauses so far; a pause in progress counts with its time so far. */
  public synchronized PauseStats stats() {
    long ongoing = pauseStarted < 0 ? 0 : System.nanoTime() - pauseStarted;
    return new PauseStats(pauses, Duration.ofNanos(pausedNanos + ongoing), largestLagBytes);
  }

  private synchronized void enter(long lag) {
    waiting++;
    largestLagBytes = Math.max(largestLagBytes, lag);
    if (pauseStarted < 0) {
      pauseStarted = System.nanoTime();
      pauses++;
      log.info(
          "Replica lag {} exceeds max-lag {}: pausing",
          LagText.bytes(lag),
          LagText.bytes(maxLagBytes));
    }
  }

  /**
   * Ends the pause when the lag is back within bounds, or when the last waiting thread gives up.
   */
  private synchronized void leave(long lag, boolean resumed) {
    waiting--;
    if (pauseStarted >= 0 && (resumed || waiting == 0)) {
      long paused = System.nanoTime() - pauseStarted;
      pausedNanos += paused;
      pauseStarted = -1;
      if (resumed) {
        log.info("Lag back to {}: resuming after {}", LagText.bytes(lag), LagText.seconds(paused));
      }
    }
  }

  /** The lag, read now unless another thread read it within {@code freshMillis}. */
  private WalPositions.Lag read(long freshMillis) {
    reading.lock();
    try {
      WalPositions.Lag known = last;
      if (known != null
          && System.nanoTime() - lastAt < TimeUnit.MILLISECONDS.toNanos(freshMillis)) {
        return known;
      }
      known = positions.lag();
      last = known;
      lastAt = System.nanoTime();
      return known;
    } finally {
      reading.unlock();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompareException("pausing while the replica lags: interrupted", e);
    }
  }
}
