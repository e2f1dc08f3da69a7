package io.pgparity.live;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.LiveTuning;
import io.pgparity.connect.ServerPair;
import io.pgparity.failure.CompareException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the replica has what the primary had at a given moment; one per run, shared by all
 * worker threads. The last position read is cached, so threads waiting for positions already
 * reached return at once, and threads that poll together share one query (at most one every {@value
 * #SHARED_READ_MILLIS} ms). Polls start {@value #FIRST_SLEEP_MILLIS} ms apart and grow by half up
 * to {@value #MAX_SLEEP_MILLIS} ms.
 *
 * <p>Where the positions come from ({@link WalPositions}) was measured on the embedded logical pair
 * (wal_receiver_status_interval 1 s; subscription synchronous_commit off, the default), from a
 * commit on the primary to this wait returning. An idle subscriber is caught up within 1-35 ms:
 * once the walsender has decoded past what the subscriber confirmed it sends a keepalive, which the
 * subscriber answers at once, so idleness never costs a status interval. After a write the row was
 * visible on the replica within 1-25 ms; the wait returned after 20-210 ms (median 60) on
 * pg_stat_replication.replay_lsn, which the subscriber reports once it has applied and committed,
 * but after 220-470 ms (median 440) on the slot's confirmed_flush_lsn, which also waits for the
 * subscriber's WAL writer to flush its asynchronous commit. Hence replay_lsn where it is readable
 * (superuser, pg_read_all_stats or pg_monitor) and confirmed_flush_lsn, as correct but slower,
 * where it is not. The target is the primary's insert position: a commit made with
 * synchronous_commit off is visible before pg_current_wal_lsn() covers it, and waiting for that
 * position returned while the row was still 140-210 ms away from the replica.
 */
public final class ReplicaWatch implements CatchUp {

  private static final Logger log = LoggerFactory.getLogger(ReplicaWatch.class);
  private static final long FIRST_SLEEP_MILLIS = 10;
  private static final long MAX_SLEEP_MILLIS = 100;
  private static final long SHARED_READ_MILLIS = 10;
  private static final Duration LOGGED_WAIT = Duration.ofSeconds(1);

  private final ReplicationLink link;
  private final boolean waits;
  private final Duration maxWait;
  private final WalPositions positions;
  private final StallDiagnosis diagnosis;
  private final ReentrantLock reading = new ReentrantLock();
  private volatile Lsn seen = new Lsn(0);
  private volatile long seenAt = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
  private final AtomicLong awaits = new AtomicLong();
  private final AtomicLong polls = new AtomicLong();
  private long waitCount;
  private long totalWaitNanos;
  private long longestWaitNanos;
  private long largestLagBytes;

  /**
   * A watch on {@code link}; it never waits when lag-aware is off or the replica does not follow
   * the primary.
   */
  public ReplicaWatch(ServerPair pair, ReplicationLink link, LiveTuning tuning) {
    checkNotNull(pair, "pair");
    this.link = checkNotNull(link, "link");
    this.waits = tuning.lagAware() && link.kind().followsPrimary();
    this.maxWait = tuning.maxWait();
    this.positions = new WalPositions(pair, link);
    this.diagnosis = new StallDiagnosis(pair, link);
  }

  /** Whether {@link #await} can wait at all. */
  @Override
  public boolean waits() {
    return waits;
  }

  public ReplicationLink link() {
    return link;
  }

  /**
   * The primary's insert position (replay position if it is a standby itself); 0/0 when this watch
   * never waits.
   */
  @Override
  public Lsn primaryPosition(Connection primary) throws SQLException {
    return waits ? positions.primary(primary) : new Lsn(0);
  }

  @Override
  public void await(Lsn target) {
    checkNotNull(target, "target");
    awaits.incrementAndGet();
    if (!waits || seen.atLeast(target)) {
      return;
    }
    long started = System.nanoTime();
    Lsn position = read();
    if (position.atLeast(target)) {
      return;
    }
    long lag = target.bytesAfter(position);
    long deadline = started + maxWait.toNanos();
    long sleep = FIRST_SLEEP_MILLIS;
    while (!position.atLeast(target)) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        recordWait(System.nanoTime() - started, lag);
        throw new ReplicaStalledException(
            "the replica did not reach the primary's WAL position "
                + target
                + " within max-wait "
                + LagText.duration(maxWait)
                + ": "
                + diagnosis.explain(target.bytesAfter(read())));
      }
      pause(Math.min(sleep, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
      sleep = Math.min(sleep * 3 / 2, MAX_SLEEP_MILLIS);
      position = read();
    }
    long waited = System.nanoTime() - started;
    recordWait(waited, lag);
    if (waited >= LOGGED_WAIT.toNanos()) {
      log.info(
          "Waited {} for the replica to catch up {} to {}",
          LagText.seconds(waited),
          LagText.bytes(lag),
          target);
    } else {
      log.debug(
          "Waited {} for the replica to catch up {} to {}",
          LagText.seconds(waited),
          LagText.bytes(lag),
          target);
    }
  }

  /** A snapshot of what waiting has cost so far. */
  public synchronized LagStats stats() {
    return new LagStats(
        awaits.get(),
        waitCount,
        polls.get(),
        Duration.ofNanos(totalWaitNanos),
        Duration.ofNanos(longestWaitNanos),
        largestLagBytes);
  }

  /**
   * The replica's position, read now unless another thread read it in the last few milliseconds.
   */
  private Lsn read() {
    reading.lock();
    try {
      if (System.nanoTime() - seenAt < TimeUnit.MILLISECONDS.toNanos(SHARED_READ_MILLIS)) {
        return seen;
      }
      Lsn now = positions.replica();
      polls.incrementAndGet();
      // positions only move forward; a momentarily lower reading (a walsender restarting) is stale
      if (now.compareTo(seen) > 0) {
        seen = now;
      }
      seenAt = System.nanoTime();
      return seen;
    } finally {
      reading.unlock();
    }
  }

  private synchronized void recordWait(long nanos, long lag) {
    waitCount++;
    totalWaitNanos += nanos;
    longestWaitNanos = Math.max(longestWaitNanos, nanos);
    largestLagBytes = Math.max(largestLagBytes, lag);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompareException("waiting for the replica to catch up: interrupted", e);
    }
  }
}
