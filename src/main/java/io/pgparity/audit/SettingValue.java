package io.pgparity.audit;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.units.DurationText;
import java.util.Locale;

/**
 * One row of pg_settings: the raw {@code setting}, its {@code unit} (may be empty) and the {@code
 * current_setting()} display form, e.g. 60000, ms and 1min.
 */
public record SettingValue(String setting, String unit, String display) {

  public SettingValue {
    checkNotNull(setting, "setting");
    unit = unit == null ? "" : unit;
    display = display == null ? setting : display;
  }

  /**
   * Whether {@code expected} names this value: the raw setting, the setting with its unit (60000ms)
   * or the display form (1min), ignoring case; on/true/yes/1 and off/false/no/0 are the same.
   */
  public boolean matches(String expected) {
    String want = normal(expected);
    return want.equals(normal(setting))
        || want.equals(normal(setting + unit))
        || want.equals(normal(display))
        || sameDuration(expected);
  }

  /**
   * Whether {@code expected} is a duration (30s, 2m) equal to this time setting, e.g. 30s and 30000
   * ms.
   */
  private boolean sameDuration(String expected) {
    Long number = number();
    long millisPerUnit =
        switch (unit) {
          case "ms" -> 1;
          case "s" -> 1_000;
          case "min" -> 60_000;
          default -> 0;
        };
    if (number == null || millisPerUnit == 0) {
      return false;
    }
    return DurationText.parse(expected.trim())
        .map(d -> d.toMillis() == number * millisPerUnit)
        .orElse(false);
  }

  /** The raw setting as a number, or null when it is not a whole number. */
  Long number() {
    try {
      return Long.valueOf(setting.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** How the value is shown in reports. */
  public String shown() {
    return display;
  }

  private static String normal(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "on", "true", "yes", "1" -> "on";
      case "off", "false", "no", "0" -> "off";
      default -> t;
    };
  }
}
