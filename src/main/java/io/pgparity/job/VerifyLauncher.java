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
      throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot write repair.sql");
    }
    return launch(definition);
  }
}
