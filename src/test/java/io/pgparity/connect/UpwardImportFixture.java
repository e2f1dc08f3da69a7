package io.pgparity.connect;

import io.pgparity.job.RunOutcome;

/**
 * A deliberate layer violation for LayersTests: an engine class that uses the job above it. Only
 * that test imports it; the product's own check never sees test classes.
 */
public final class UpwardImportFixture {

  private UpwardImportFixture() {}

  /** The job's outcome type, reached from the engine: the upward import the rules must refuse. */
  public static Class<?> upward() {
    return RunOutcome.class;
  }

  /** Closes a cycle too: the job already uses this package. */
  public static ServerPair pair() {
    return null;
  }
}
