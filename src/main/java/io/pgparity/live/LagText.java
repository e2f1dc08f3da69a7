package io.pgparity.live;

import java.time.Duration;
import java.util.Locale;

/** How lag amounts and waits read in log lines and messages: {@code 12.3 MB}, {@code 2.5 s}. */
final class LagText {

  private static final double MB = 1024.0 * 1024.0;

  private LagText() {}

  /** Whole bytes below 1 kB, kB below 1 MB, MB above, with one decimal. */
  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / MB);
  }

  /** Seconds with up to three decimals, as written in job files: {@code 2 s}, {@code 0.25 s}. */
  static String duration(Duration duration) {
    return seconds(duration.toNanos());
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e9).replaceAll("\\.?0+$", "") + " s";
  }
}
