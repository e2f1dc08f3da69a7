package io.pgparity.live;

import io.pgparity.failure.CompareException;

/**
 * The replica did not catch up within max-wait (replay paused, receiver disconnected, subscription
 * disabled, slot inactive): the affected tables are INCOMPLETE with this message, never DIVERGENT.
 */
public final class ReplicaStalledException extends CompareException {

  public ReplicaStalledException(String message) {
    super(message);
  }
}
