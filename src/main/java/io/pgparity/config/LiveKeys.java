package io.pgparity.config;

import io.pgparity.config.units.ByteSizeText;
import io.pgparity.config.units.DurationText;
import io.pgparity.config.units.RateText;
import io.pgparity.table.TableRef;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the live-replica keys of a job file: the job's lag, recheck, rate and retry settings and a
 * table entry's settle window. Every error is one line starting with {@code file:line:}.
 */
final class LiveKeys {

  private static final String COLUMN_EXAMPLE = "settle-column: updated_at";
  private static final String WINDOW_EXAMPLE = "settle-window: 5m";

  private LiveKeys() {}

  /** The job's live settings; absent keys take {@link LiveTuning#defaults()}. */
  static LiveTuning tuning(YamlSection job) {
    LiveTuning defaults = LiveTuning.defaults();
    return new LiveTuning(
        bool(job, "lag-aware").orElse(defaults.lagAware()),
        duration(job, "max-wait").orElse(defaults.maxWait()),
        parsed(job, "max-lag", ByteSizeText.FORMS, ByteSizeText::parse)
            .orElse(defaults.maxLagBytes()),
        job.integer(
                "rechecks", 0, LiveTuning.MAX_RECHECKS, "between 0 and " + LiveTuning.MAX_RECHECKS)
            .orElse(defaults.rechecks()),
        duration(job, "recheck-delay").orElse(defaults.recheckDelay()),
        parsed(job, "rows-per-second", RateText.FORMS, RateText::parse)
            .orElse(defaults.rowsPerSecond()),
        job.integer("retries", 0, LiveTuning.MAX_RETRIES, "between 0 and " + LiveTuning.MAX_RETRIES)
            .orElse(defaults.retries()),
        positive(job, "query-time").orElse(defaults.queryTime()),
        duration(job, "max-runtime").orElse(defaults.maxRuntime()));
  }

  /** The entry's settle window, or null without one; the two keys come together or not at all. */
  static Settle settle(YamlSection entry, TableRef table) {
    Optional<String> column =
        entry.string("settle-column", "a column name, e.g. " + COLUMN_EXAMPLE);
    Optional<Duration> window = duration(entry, "settle-window");
    if (column.isEmpty() && window.isEmpty()) {
      return null;
    }
    if (window.isEmpty()) {
      throw entry.error(
          "settle-column",
          table
              + " has settle-column but no settle-window; add e.g. "
              + WINDOW_EXAMPLE
              + ", or remove settle-column");
    }
    if (column.isEmpty()) {
      throw entry.error(
          "settle-window",
          table
              + " has settle-window but no settle-column; add e.g. "
              + COLUMN_EXAMPLE
              + ", or remove settle-window");
    }
    if (window.get().isZero()) {
      throw entry.error(
          entry.value("settle-window").get(),
          "settle-window must be a positive duration, e.g. "
              + WINDOW_EXAMPLE
              + ", but was '"
              + text(entry, "settle-window")
              + "'");
    }
    if (column.get().isBlank()) {
      throw entry.error(
          entry.value("settle-column").get(),
          "settle-column must name a column, e.g. " + COLUMN_EXAMPLE);
    }
    return new Settle(column.get(), window.get());
  }

  private static Optional<Duration> positive(YamlSection section, String key) {
    Optional<Duration> value = duration(section, key);
    if (value.isPresent() && value.get().isZero()) {
      throw section.error(
          section.value(key).get(),
          key + " must be a positive duration, e.g. 2s, but was '" + text(section, key) + "'");
    }
    return value;
  }

  static Optional<Boolean> bool(YamlSection section, String key) {
    return parsed(
        section,
        key,
        "true or false",
        text ->
            switch (text.trim().toLowerCase(Locale.ROOT)) {
              case "true", "yes", "on" -> Optional.of(true);
              case "false", "no", "off" -> Optional.of(false);
              default -> Optional.empty();
            });
  }

  private static Optional<Duration> duration(YamlSection section, String key) {
    Optional<Duration> duration = parsed(section, key, DurationText.FORMS, DurationText::parse);
    if (duration.isPresent() && duration.get().compareTo(DurationText.MAX) > 0) {
      throw section.error(
          section.value(key).get(),
          String.format(
              "%s must be at most %dh but was '%s'",
              key, DurationText.MAX.toHours(), text(section, key)));
    }
    return duration;
  }

  /** The value of {@code key} read by {@code parse}; {@code forms} says what is allowed. */
  private static <T> Optional<T> parsed(
      YamlSection section, String key, String forms, Function<String, Optional<T>> parse) {
    Optional<String> text = section.string(key, forms);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        parse
            .apply(text.get())
            .orElseThrow(
                () ->
                    section.error(
                        section.value(key).get(),
                        key + " must be " + forms + " but was '" + text(section, key) + "'")));
  }

  /** The given value of {@code key}, shortened for a message. */
  private static String text(YamlSection section, String key) {
    return YamlSection.abbreviate(section.string(key, "a value").orElse(""));
  }
}
