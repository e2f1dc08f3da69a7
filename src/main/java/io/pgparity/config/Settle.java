package io.pgparity.config;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * A table's settle window: rows whose {@code column} (a timestamp the application sets on every
 * write, e.g. updated_at) lies within {@code window} of the primary's clock are still settling;
 * they are read again later and, if still recent, reported unstable, never divergent.
 */
public record Settle(String column, Duration window) {

  public Settle {
    checkNotNull(window, "window");
    checkArgument(column != null && !column.isBlank(), "settle-column must name a column");
    checkArgument(
        !window.isNegative() && !window.isZero(),
        "settle-window must be positive but was %s",
        window);
  }
}
