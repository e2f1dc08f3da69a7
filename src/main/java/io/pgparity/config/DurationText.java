package io.pgparity.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the short durations of job files: 500ms, 30s, 10m, 1h, or a plain number of seconds. */
final class DurationText {

  /** What the messages tell users to write. */
  static final String FORMS = "a duration like 500ms, 30s, 10m, 1h or a whole number of seconds";

  /** PostgreSQL's timeouts are milliseconds in a 32-bit int. */
  static final Duration MAX = Duration.ofMillis(Integer.MAX_VALUE);

  private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

  private DurationText() {}

  /** The duration, or empty when the text is not one of the accepted forms. */
  static Optional<Duration> parse(String text) {
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
}
