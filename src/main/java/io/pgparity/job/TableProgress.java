package io.pgparity.job;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far hashing one table has got on the primary: rows read so far against the planner's
 * estimate, the rate since the first piece, and the time left at that rate.
 */
final class TableProgress {

  private final String table;
  private final long estimatedRows;
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong firstNanos = new AtomicLong(Long.MIN_VALUE);

  TableProgress(String table, long estimatedRows) {
    checkArgument(estimatedRows >= 0, "estimatedRows must not be negative but was %s", estimatedRows);
    this.table = table;
    this.estimatedRows = estimatedRows;
  }

  /** Counts rows the primary's hash queries read; {@code now} is System.nanoTime(). */
  void hashed(long count, long now) {
    firstNanos.compareAndSet(Long.MIN_VALUE, now);
    rows.addAndGet(count);
  }

  boolean started() {
    return firstNanos.get() != Long.MIN_VALUE;
  }

  boolean done() {
    return estimatedRows > 0 && rows.get() >= estimatedRows;
  }

  /**
   * E.g. {@code public.users: 450000 of about 1000000 rows hashed (45%), 120000 rows/s, about 5 s
   * left}; the estimate comes from the catalog, so the share is capped at 99% until the end.
   */
  String line(long now) {
    long read = rows.get();
    double seconds = Math.max(1e-3, (now - firstNanos.get()) / 1e9);
    long rate = Math.round(read / seconds);
    if (estimatedRows <= 0) {
      return String.format(Locale.ROOT, "%s: %d rows hashed, %d rows/s", table, read, rate);
    }
    long percent = Math.min(99, read * 100 / estimatedRows);
    String left = rate == 0 ? "unknown" : "about " + eta(Duration.ofSeconds(Math.max(0, estimatedRows - read) / rate));
    return String.format(Locale.ROOT, "%s: %d of about %d rows hashed (%d%%), %d rows/s, %s left",
        table, read, estimatedRows, percent, rate, left);
  }

  static String eta(Duration left) {
    long s = left.toSeconds();
    return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }
}
