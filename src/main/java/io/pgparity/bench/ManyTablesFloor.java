package io.pgparity.bench;

import io.pgparity.connect.Both;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The floor of the many-tables case: {@code SELECT count(*), sum(hash_record_extended(t, 0))} of
 * every table, on both servers at once (one connection per server, connected before the clock
 * starts), either one query per table in sequence ({@link Mode#PER_TABLE}) or all tables in one
 * UNION ALL query per server ({@link Mode#UNION_ALL}), which shows what batching the queries could
 * reach. Each measurement is checked: every table's count must be its planned size on both servers
 * and its hash sum the same on both, or the case would time something other than identical tables.
 */
final class ManyTablesFloor {

  enum Mode {
    PER_TABLE("one query per table"),
    UNION_ALL("one UNION ALL query per server");

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  private record Answer(long started, long finished, Map<TableRef, String> tables) {}

  private final RawPair sides;

  ManyTablesFloor(DataSource primary, DataSource replica) {
    this.sides = new RawPair(primary, replica);
  }

  /** Wall seconds until both servers answered for every table; throws if an answer is wrong. */
  double measure(ManyTables tables, Mode mode) {
    CyclicBarrier connected = new CyclicBarrier(2);
    Both<Answer> answers =
        sides.onBoth(
            "the floor (" + mode.label() + ")",
            connection -> {
              try (Statement statement = connection.createStatement()) {
                awaitOtherSide(connected);
                long started = System.nanoTime();
                Map<TableRef, String> answered =
                    mode == Mode.PER_TABLE
                        ? perTable(statement, tables)
                        : unionAll(statement, tables);
                return new Answer(started, System.nanoTime(), answered);
              }
            });
    check(tables, mode, answers);
    long started = Math.min(answers.primary().started(), answers.replica().started());
    long finished = Math.max(answers.primary().finished(), answers.replica().finished());
    return (finished - started) / 1e9;
  }

  private static Map<TableRef, String> perTable(Statement statement, ManyTables tables)
      throws SQLException {
    Map<TableRef, String> answered = new LinkedHashMap<>();
    for (ManyTables.Table table : tables.tables()) {
      try (ResultSet result = statement.executeQuery(floorSql(table.ref(), null))) {
        result.next();
        answered.put(table.ref(), result.getLong(1) + "/" + result.getString(2));
      }
    }
    return answered;
  }

  private static Map<TableRef, String> unionAll(Statement statement, ManyTables tables)
      throws SQLException {
    List<ManyTables.Table> list = tables.tables();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      parts.add(floorSql(list.get(i).ref(), i));
    }
    Map<TableRef, String> answered = new LinkedHashMap<>();
    try (ResultSet result = statement.executeQuery(String.join(" UNION ALL ", parts))) {
      while (result.next()) {
        answered.put(
            list.get(result.getInt(3)).ref(), result.getLong(1) + "/" + result.getString(2));
      }
    }
    return answered;
  }

  // the position is a literal of the query, not a value: it only tags which table a row answers
  private static String floorSql(TableRef table, Integer position) {
    return "SELECT count(*), sum(hash_record_extended(t, 0))"
        + (position == null ? "" : ", " + position)
        + " FROM "
        + SqlIdentifier.quote(table)
        + " t";
  }

  private static void check(ManyTables tables, Mode mode, Both<Answer> answers) {
    List<String> wrong = new ArrayList<>();
    for (ManyTables.Table table : tables.tables()) {
      String primary = answers.primary().tables().get(table.ref());
      String replica = answers.replica().tables().get(table.ref());
      String expectedCount = table.rows() + "/";
      if (primary == null || replica == null) {
        wrong.add(table.ref() + " got no answer");
      } else if (!primary.startsWith(expectedCount) || !replica.startsWith(expectedCount)) {
        wrong.add(
            table.ref()
                + " should have "
                + table.rows()
                + " rows but the floor counted "
                + primary.substring(0, primary.indexOf('/'))
                + " on the primary and "
                + replica.substring(0, replica.indexOf('/'))
                + " on the replica");
      } else if (!Objects.equals(primary, replica)) {
        wrong.add(table.ref() + " has different hash sums on the two servers");
      }
    }
    if (!wrong.isEmpty()) {
      throw new BenchCheckException(
          String.format(
              "the floor (%s) found %d of %d table(s) not as loaded on both servers, so the case would"
                  + " time something other than identical tables: %s",
              mode.label(),
              wrong.size(),
              tables.tables().size(),
              wrong.stream().limit(5).collect(Collectors.joining("; "))));
    }
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
