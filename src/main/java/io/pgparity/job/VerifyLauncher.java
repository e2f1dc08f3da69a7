package io.pgparity.job;

import io.pgparity.config.JobDefinition;

/** Runs the verify job for a definition and returns its outcome; used by verify, demo and bench. */
public interface VerifyLauncher {

  /** Runs one verify job to its end; failures come back as a FAILED outcome, never thrown. */
  RunOutcome launch(JobDefinition definition);

  /**
   * Runs one verify job; with {@code repairSql} it also keeps the unmasked divergences and writes
   * repair.sql for the replica into the run folder. Launchers that cannot, refuse it.
   */
  default RunOutcome launch(JobDefinition definition, boolean repairSql) {
    if (repairSql) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " cannot write repair.sql");
    }
    return launch(definition);
  }

  /**
   * Whether a run continues the last run of the same job when that one did not complete (stopped by
   * max-runtime or SIGTERM, failed, killed), or starts over.
   */
  enum Resume {
    /** Continue the last run if it did not complete and compared the same servers and tables. */
    AUTO,
    /** Start over, whatever the last run left. */
    FRESH
  }

  /**
   * Like {@link #launch(JobDefinition, boolean)}; launchers that keep no state between runs ignore
   * {@code resume}.
   */
  default RunOutcome launch(JobDefinition definition, boolean repairSql, Resume resume) {
    return launch(definition, repairSql);
  }
}
