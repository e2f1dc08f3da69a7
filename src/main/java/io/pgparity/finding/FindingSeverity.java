package io.pgparity.finding;

/**
 * How much a schema difference weighs: {@code DIVERGENT} makes the run's verdict DIVERGENT (the
 * replica would behave differently after a failover: it accepts rows the primary refuses, fires
 * other triggers, sorts text differently); {@code ADVISORY} is reported but leaves a run whose rows
 * agree CONSISTENT (an index that only changes speed).
 */
public enum FindingSeverity {
  DIVERGENT,
  ADVISORY
}
