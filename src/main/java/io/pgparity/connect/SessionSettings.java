package io.pgparity.connect;

import io.pgparity.config.Tuning;
import java.time.Duration;

/**
 * The session settings pinned on every connection to a compared server. Text output of dates,
 * intervals, floats and bytea depends on them, so both sides must use the same ones whatever the
 * server, database or role defaults say; row_security off makes a query fail rather than silently
 * hide rows; the timeouts keep pgparity from blocking or outstaying its welcome on production.
 * Parallel query is off: pgparity spreads its own work over {@code threads} sessions, and the
 * planner cannot estimate how few ranges a grouped hash query has, so a parallel plan sorts every
 * row (measured 1.5x slower) where a single backend uses a small hash table.
 */
public final class SessionSettings {

  private SessionSettings() {}

  /** One SET statement list, run when a connection is opened. */
  public static String initSql(Tuning tuning) {
    return String.join(
        "; ",
        "SET TimeZone = 'UTC'",
        "SET DateStyle = 'ISO, YMD'",
        "SET IntervalStyle = 'postgres'",
        "SET extra_float_digits = 3",
        "SET bytea_output = 'hex'",
        "SET search_path = pg_catalog, public",
        "SET row_security = off",
        "SET lc_monetary = 'C'",
        "SET statement_timeout = " + millis(tuning.statementTimeout()),
        "SET lock_timeout = " + millis(tuning.lockTimeout()),
        "SET idle_in_transaction_session_timeout = "
            + millis(tuning.statementTimeout().multipliedBy(2)),
        "SET default_transaction_read_only = on",
        "SET max_parallel_workers_per_gather = 0");
  }

  private static long millis(Duration duration) {
    return duration.toMillis();
  }
}
