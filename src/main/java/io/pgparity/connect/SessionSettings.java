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
 *
 * <p>JIT compilation is off. A hash query turns sorting off for its transaction (BucketHasher), and
 * the sort of its boundary array then carries the planner's disable_cost (1e10), so every query,
 * however small, passed jit_inline_above_cost and jit_optimize_above_cost and was compiled with
 * LLVM inlining and optimisation: 210 ms per query by EXPLAIN ANALYZE (PostgreSQL 15.18, Debian's
 * build with LLVM), and a piece of 320,000 rows took 680 to 1,020 ms of backend CPU with it against
 * 570 to 600 ms without, with five or more pieces per table and side. What it compiles is mostly
 * calls of the send, output and hash functions, which it cannot speed up: one query over 5M rows
 * took the same CPU with and without it (src/site/markdown/performance.md). A server built without
 * LLVM accepts the setting and ignores it.
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
        "SET max_parallel_workers_per_gather = 0",
        "SET jit = off");
  }

  private static long millis(Duration duration) {
    return duration.toMillis();
  }
}
