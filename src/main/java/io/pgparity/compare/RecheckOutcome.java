package io.pgparity.compare;

/** What rechecking made of a suspect row that did not turn out divergent. */
public enum RecheckOutcome {
  /** Equal once the replica had caught up: the row was in flight, not a divergence. */
  CONVERGED,
  /** Changed on the primary (or within the settle window) at every read: cannot be judged now. */
  UNSTABLE
}
