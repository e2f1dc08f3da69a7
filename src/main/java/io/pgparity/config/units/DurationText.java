package io.pgparity.config.units;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the short durations of job files and the command line: 500ms, 30s, 10m, 1h, or a plain
 * number of seconds.
 */
public final class DurationText {

  /** What the messages tell users to write. */
  public static final String FORMS =
      "a duration like 500ms, 30s, 10m, 1h or a whole number of seconds";

  /** PostgreSQL's timeouts are milliseconds in a 32-bit int. */
  public static final Duration MAX = Duration.ofMillis(Integer.MAX_VALUE);

  private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

  private DurationText() {}

  /** The duration, or empty when the text is not one of the accepted forms. */
  public static Optional<Duration> parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return Optional.of(
        switch (unit) {
          case "ms" -> Duration.ofMillis(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofSeconds(amount);
        });
  }

  /** The shortest of the accepted forms that says exactly {@code duration}, e.g. 2m or 1500ms. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    if (seconds == 0 || seconds % 60 != 0) {
      return seconds + "s";
    }
    return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds / 60 + "m";
  }
}
