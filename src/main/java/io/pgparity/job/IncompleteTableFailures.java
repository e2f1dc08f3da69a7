package io.pgparity.job;

import io.pgparity.connect.FailureKind;
import io.pgparity.connect.RetriesExhaustedException;
import io.pgparity.failure.CompareException;
import io.pgparity.guard.RunStoppedException;
import io.pgparity.live.ReplicaStalledException;

/**
 * Which failures leave a table unjudged (INCOMPLETE) rather than fail the run: a replica that
 * stopped replaying, transient failures that outlasted the retries, a statement timeout that
 * splitting could not cure, and a run stopped by max-runtime or SIGTERM. The data may well be fine;
 * it could not be compared now. Any other failure fails the run, with its own message (see {@link
 * RunFailure}).
 */
final class IncompleteTableFailures {

  private IncompleteTableFailures() {}

  static boolean contains(CompareException e) {
    return e instanceof ReplicaStalledException
        || e instanceof RunStoppedException
        || e instanceof RetriesExhaustedException
        || FailureKind.of(e) == FailureKind.TIMEOUT;
  }
}
