package io.pgparity.job;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.guard.RunStop;

/**
 * What the launcher decides before the job starts, read by the job's scoped beans and never
 * changed: whether to write repair.sql, when to stop (max-runtime, SIGTERM), and the stopped run
 * this one restarts (null for a fresh run). Registered in the run's context once the job repository
 * has been read, as finding the previous run needs it; only job- and step-scoped beans depend on
 * it.
 *
 * @param repairSql verify --repair-sql: keep unmasked divergences and write repair.sql
 * @param stop max-runtime and SIGTERM stop the run from starting new work
 * @param previous the run whose job execution this launch restarts; null for a fresh run
 */
record LaunchOptions(boolean repairSql, RunStop stop, PreviousRun previous) {

  /** Bean name of the options in the run's context. */
  static final String BEAN = "launchOptions";

  LaunchOptions {
    checkNotNull(stop, "stop");
  }
}
