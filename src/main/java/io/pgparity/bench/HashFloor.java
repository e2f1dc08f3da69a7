package io.pgparity.bench;

import io.pgparity.connect.Both;
import io.pgparity.table.TableRef;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * The floor any checker has to beat: one query per side that reads every row and hashes it, run on
 * both servers at once. It says only whether the table differs, never where.
 */
final class HashFloor {

  /** One floor measurement: the wall time until both sides answered, and whether they agree. */
  record Measurement(double seconds, boolean sidesAgree) {}

  private record Answer(long started, long finished, String value) {}

  private final RawPair sides;

  HashFloor(DataSource primary, DataSource replica) {
    this.sides = new RawPair(primary, replica);
  }

  /** Times the floor query; connecting is left out, as verify connects before its clock starts. */
  Measurement measure(BenchTable table) {
    return measure(table.ref());
  }

  /** The same for a bench table in any schema. */
  Measurement measure(TableRef table) {
    String sql = "SELECT count(*), sum(hash_record_extended(t, 0)) FROM " + table + " t";
    CyclicBarrier connected = new CyclicBarrier(2);
    Both<Answer> answers =
        sides.onBoth(
            "the floor query on " + table,
            connection -> {
              try (Statement statement = connection.createStatement()) {
                awaitOtherSide(connected);
                long started = System.nanoTime();
                try (ResultSet result = statement.executeQuery(sql)) {
                  result.next();
                  return new Answer(
                      started, System.nanoTime(), result.getLong(1) + "/" + result.getString(2));
                }
              }
            });
    long started = Math.min(answers.primary().started(), answers.replica().started());
    long finished = Math.max(answers.primary().finished(), answers.replica().finished());
    return new Measurement(
        (finished - started) / 1e9,
        Objects.equals(answers.primary().value(), answers.replica().value()));
  }

  private static void awaitOtherSide(CyclicBarrier barrier) {
    try {
      barrier.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for the other server's connection", e);
    } catch (BrokenBarrierException | TimeoutException e) {
      throw new IllegalStateException("the other server did not connect within a minute", e);
    }
  }
}
