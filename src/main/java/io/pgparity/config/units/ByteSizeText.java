package io.pgparity.config.units;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads WAL sizes as PostgreSQL writes them: 512kB, 64MB, 1GB, 1TB (units of 1024, any case), or a
 * whole number of bytes.
 */
public final class ByteSizeText {

  /** What the messages tell users to write; sizes say how much lag to allow, so 0 is off. */
  public static final String FORMS =
      "a size like 512kB, 64MB, 1GB or a whole number of bytes (0 = off)";

  private static final Pattern FORM =
      Pattern.compile("(\\d[\\d_]{0,18})\\s*(b|kb|mb|gb|tb)?", Pattern.CASE_INSENSITIVE);

  private ByteSizeText() {}

  /** The number of bytes, or empty when the text is not one of the forms or overflows a long. */
  public static Optional<Long> parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    String digits = m.group(1).replace("_", "");
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    int shift =
        switch (unit) {
          case "kb" -> 10;
          case "mb" -> 20;
          case "gb" -> 30;
          case "tb" -> 40;
          default -> 0;
        };
    try {
      long amount = Long.parseLong(digits);
      return amount > Long.MAX_VALUE >> shift ? Optional.empty() : Optional.of(amount << shift);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
