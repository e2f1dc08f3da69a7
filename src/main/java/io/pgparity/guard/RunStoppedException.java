package io.pgparity.guard;

import io.pgparity.failure.CompareException;

/**
 * Thrown where new work would start after the run was told to stop; the table it was for is left
 * INCOMPLETE with the stop's reason as its note.
 */
public final class RunStoppedException extends CompareException {

  public RunStoppedException(String reason) {
    super(reason);
  }
}
