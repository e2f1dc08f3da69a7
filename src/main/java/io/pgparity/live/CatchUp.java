package io.pgparity.live;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Lag-awareness as the diff sees it: the primary's WAL position after a read, and a wait until the
 * replica has replayed or applied past it, so a row read there afterwards is at least as new.
 */
public interface CatchUp {

  /** The primary's WAL position, read on a primary connection after the reads it must cover. */
  Lsn primaryPosition(Connection primary) throws SQLException;

  /**
   * Returns once the replica has replayed or applied past {@code target}; throws {@link
   * ReplicaStalledException} naming the reason when that takes longer than max-wait.
   */
  void await(Lsn target);

  /**
   * Whether {@link #await} really waits for the replica. Only then can a row that differed and then
   * agreed be called converged (in flight); on a copy that is not waited for, nothing is in flight
   * and every hash difference must be explained by a row.
   */
  boolean waits();

  /** For replicas that cannot be waited for (independent or promoted): never waits. */
  static CatchUp none() {
    return new CatchUp() {
      @Override
      public Lsn primaryPosition(Connection primary) {
        return new Lsn(0);
      }

      @Override
      public void await(Lsn target) {}

      @Override
      public boolean waits() {
        return false;
      }
    };
  }
}
