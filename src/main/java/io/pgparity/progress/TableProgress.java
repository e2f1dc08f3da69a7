package io.pgparity.progress;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far hashing one table has got on the primary: rows read so far against the planner's
 * estimate, the rate since the first piece, and the time left at that rate.
 */
public final class TableProgress {

  private final String table;
  private final long estimatedRows;
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong firstNanos = new AtomicLong(Long.MIN_VALUE);
  private volatile boolean finished;

  public TableProgress(String table, long estimatedRows) {
    checkArgument(
        estimatedRows >= 0, "estimatedRows must not be negative but was %s", estimatedRows);
    this.table = table;
    this.estimatedRows = estimatedRows;
  }

  /** Counts rows the primary's hash queries read; {@code now} is System.nanoTime(). */
  public void hashed(long count, long now) {
    firstNanos.compareAndSet(Long.MIN_VALUE, now);
    rows.addAndGet(count);
  }

  boolean started() {
    return firstNanos.get() != Long.MIN_VALUE;
  }

  /** Whether hashing reached the estimate or the hash step ended ({@link #finish}). */
  boolean done() {
    return finished || estimatedRows > 0 && rows.get() >= estimatedRows;
  }

  /**
   * Marks hashing over: an estimate above the real count must not keep the table "being hashed";
   * the job calls it when a table's last range is hashed, so the line counts it done.
   */
  public void finish() {
    finished = true;
  }

  String table() {
    return table;
  }

  long rows() {
    return rows.get();
  }

  long estimatedRows() {
    return estimatedRows;
  }

  /** Rows per second since the first piece, at {@code now} (System.nanoTime()). */
  long rate(long now) {
    double seconds = Math.max(1e-3, (now - firstNanos.get()) / 1e9);
    return Math.round(rows.get() / seconds);
  }

  /**
   * The share of the estimate hashed, 0..99 (never 100 before the end: the estimate is the
   * catalog's).
   */
  long percent() {
    return estimatedRows <= 0 ? 0 : Math.min(99, rows.get() * 100 / estimatedRows);
  }

  /** The time left at the current rate, or null when there is no estimate or no rate yet. */
  Duration left(long now) {
    long rate = rate(now);
    return estimatedRows <= 0 || rate == 0
        ? null
        : Duration.ofSeconds(Math.max(0, estimatedRows - rows.get()) / rate);
  }

  /**
   * E.g. {@code public.users: 450000 of about 1000000 rows hashed (45%), 120000 rows/s, about 5 s
   * left}; the estimate comes from the catalog, so the share is capped at 99% until the end.
   */
  String line(long now) {
    long read = rows.get();
    long rate = rate(now);
    if (estimatedRows <= 0) {
      return String.format(Locale.ROOT, "%s: %d rows hashed, %d rows/s", table, read, rate);
    }
    Duration left = left(now);
    return String.format(
        Locale.ROOT,
        "%s: %d of about %d rows hashed (%d%%), %d rows/s, %s left",
        table,
        read,
        estimatedRows,
        percent(),
        rate,
        left == null ? "unknown" : "about " + eta(left));
  }

  static String eta(Duration left) {
    long s = left.toSeconds();
    return s < 60
        ? s + " s"
        : s < 3600
            ? (s / 60) + " min " + (s % 60) + " s"
            : (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }
}
