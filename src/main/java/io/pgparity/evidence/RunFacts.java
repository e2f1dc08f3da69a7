package io.pgparity.evidence;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;

/** What the manifest says about the run itself: tool version, job, run id, times, both servers. */
public record RunFacts(
    String version,
    String job,
    String runId,
    Instant startedAt,
    Instant finishedAt,
    ServerEvidence primary,
    ServerEvidence replica) {

  public RunFacts {
    CanonicalJson.checkPrintable(version, "version");
    CanonicalJson.checkPrintable(job, "job");
    CanonicalJson.checkPrintable(runId, "runId");
    checkNotNull(startedAt, "startedAt");
    checkNotNull(finishedAt, "finishedAt");
    checkArgument(
        !finishedAt.isBefore(startedAt),
        "finishedAt %s is before startedAt %s; a run ends after it starts",
        finishedAt,
        startedAt);
    checkNotNull(primary, "primary");
    checkNotNull(replica, "replica");
  }
}
