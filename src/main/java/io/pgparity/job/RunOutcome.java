package io.pgparity.job;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.verdict.Status;
import java.nio.file.Path;

/**
 * How a verify run ended: its status, its run folder (null when it failed before one existed), a
 * one-line verdict to print last, and how many findings its replication audit had.
 */
public record RunOutcome(Status status, Path runFolder, String verdict, int auditFindings) {

  public RunOutcome {
    checkNotNull(status, "status");
    checkNotNull(verdict, "verdict");
    checkArgument(
        auditFindings >= 0, "auditFindings must not be negative but was %s", auditFindings);
  }

  /** An outcome without audit findings. */
  public RunOutcome(Status status, Path runFolder, String verdict) {
    this(status, runFolder, verdict, 0);
  }
}
