package io.pgparity.job;

import io.pgparity.config.JobDefinition;

/** Runs the verify job for a definition and returns its outcome; used by verify, demo and bench. */
public interface VerifyLauncher {

  /** Runs one verify job to its end; failures come back as a FAILED outcome, never thrown. */
  RunOutcome launch(JobDefinition definition);
}
