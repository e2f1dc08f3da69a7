package io.pgparity.config.units;

import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a rate such as rows per second: a whole or decimal number of at least 0, e.g. 2.5. */
public final class RateText {

  /** What the messages tell users to write. */
  public static final String FORMS = "a number of at least 0 such as 5000 or 2.5 (0 = unlimited)";

  private static final Pattern FORM = Pattern.compile("\\d[\\d_]{0,14}(\\.\\d{1,6})?");

  private RateText() {}

  /** The rate, or empty when the text is not a plain non-negative number. */
  public static Optional<Double> parse(String text) {
    String trimmed = text.trim();
    return FORM.matcher(trimmed).matches()
        ? Optional.of(Double.parseDouble(trimmed.replace("_", "")))
        : Optional.empty();
  }
}
