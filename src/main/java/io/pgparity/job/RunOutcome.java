package io.pgparity.job;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.report.Status;
import java.nio.file.Path;

/**
 * How a verify run ended: its status, its run folder (null when it failed before one existed),
 * and a one-line verdict to print last.
 */
public record RunOutcome(Status status, Path runFolder, String verdict) {

  public RunOutcome {
    checkNotNull(status, "status");
    checkNotNull(verdict, "verdict");
  }
}
