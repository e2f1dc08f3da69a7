package io.pgparity.hashing;

import io.pgparity.connect.Side;
import java.time.Duration;

/**
 * Paces the hash queries of a table: each side's heap slice is read in pieces sized to take about
 * {@link #target()} each, and between pieces the run may pause (replica lag above max-lag) or wait
 * (rows-per-second ceiling), so production load stays bounded even on huge tables.
 */
public interface Pacer {

  /** How long one hash query should take; pieces grow or shrink towards it. */
  Duration target();

  /** Called before each piece; may block while the replica lags too far behind. */
  void beforeQuery();

  /** Called after each piece with the rows it read on {@code side}; may block to keep a rate. */
  void afterQuery(Side side, long rows);

  /** One query per slice, no pauses: for tests and tools that hash without a live replica. */
  static Pacer unpaced() {
    return new Pacer() {
      @Override
      public Duration target() {
        return Duration.ofDays(1);
      }

      @Override
      public void beforeQuery() {}

      @Override
      public void afterQuery(Side side, long rows) {}
    };
  }
}
