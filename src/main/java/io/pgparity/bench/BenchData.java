package io.pgparity.bench;

import io.pgparity.compare.DivergenceKind;
import io.pgparity.demo.EmbeddedPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads identical benchmark tables on both servers (the two loads run in parallel), then links them
 * by logical replication without copying, and makes the replica drift from the primary by a {@link
 * DriftPlan}.
 */
final class BenchData {

  /** The name of the publication on the primary and of the subscription on the replica. */
  static final String PUBLICATION = "bench";

  private static final Logger log = LoggerFactory.getLogger(BenchData.class);

  private final EmbeddedPair pair;
  private final RawPair sides;
  private final DataSource replica;

  BenchData(EmbeddedPair pair) {
    this.pair = pair;
    this.sides = new RawPair(pair.primary(), pair.replica());
    this.replica = pair.replica();
  }

  /**
   * Creates and fills {@code tables} with {@code rows} rows each on both sides, then VACUUM
   * ANALYZE.
   */
  void load(List<BenchTable> tables, long rows) {
    sides.onBoth(
        "loading the bench tables",
        connection -> {
          try (Statement statement = connection.createStatement()) {
            // the primary key is built once after the load, which a large sort does best in memory
            statement.execute("SET maintenance_work_mem = '256MB'");
            statement.execute("DROP SCHEMA IF EXISTS " + BenchTable.SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + BenchTable.SCHEMA);
            for (BenchTable table : tables) {
              long started = System.nanoTime();
              statement.execute(table.createSql());
              statement.execute(table.loadSql(rows));
              statement.execute(table.primaryKeySql());
              log.debug(
                  "Loaded {} in {} ms", table.ref(), (System.nanoTime() - started) / 1_000_000);
            }
            for (BenchTable table : tables) {
              statement.execute("VACUUM ANALYZE " + table.ref());
            }
          }
          return null;
        });
  }

  /**
   * Subscribes the replica to {@code tables} of the primary without copying, since both already
   * hold the same rows, and returns once the subscription streams: the replica is then a live
   * logical replica, as lag-aware verify expects, while the primary stays idle.
   */
  void link(List<BenchTable> tables) {
    long started = System.nanoTime();
    pair.replicateExisting(
        PUBLICATION, tables.stream().map(t -> t.ref().toString()).toArray(String[]::new));
    log.info(
        "Linked {} table(s) by logical replication without copying in {} ms; subscription {} is streaming",
        tables.size(),
        (System.nanoTime() - started) / 1_000_000,
        PUBLICATION);
  }

  /**
   * Waits until the subscription has confirmed the primary's current WAL position; throws
   * IllegalStateException if it stopped or failed to apply a change.
   */
  void awaitLinkCaughtUp(Duration timeout) {
    pair.awaitCaughtUp(PUBLICATION, timeout);
  }

  /**
   * Applies {@code plan} to {@code table} on the replica and returns the rows it touched, by key
   * and kind, as the database returned them. Written on the replica itself, as real drift is; the
   * idle primary sends no change it could conflict with.
   */
  InjectedDrift drift(BenchTable table, DriftPlan plan) {
    try (Connection connection = replica.getConnection();
        Statement statement = connection.createStatement()) {
      List<RowDivergence> touched = new ArrayList<>();
      if (!plan.updates().isEmpty()) {
        touched(
            statement,
            table.updateSql(DriftPlan.array(plan.updates())),
            table,
            DivergenceKind.CHANGED,
            touched);
      }
      if (!plan.deletes().isEmpty()) {
        touched(
            statement,
            table.deleteSql(DriftPlan.array(plan.deletes())),
            table,
            DivergenceKind.MISSING_ON_REPLICA,
            touched);
      }
      if (!plan.inserts().isEmpty()) {
        touched(
            statement,
            table.insertSql(DriftPlan.array(plan.inserts()), plan.rows()),
            table,
            DivergenceKind.EXTRA_ON_REPLICA,
            touched);
      }
      // the replica's statistics should not lag its content when verify plans ranges
      statement.execute("ANALYZE " + table.ref());
      return InjectedDrift.of(touched);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "making " + table.ref() + " drift on the replica: " + e.getMessage(), e);
    }
  }

  // the statement returns the key of each row it touched as text, which is how verify reports keys
  private static void touched(
      Statement statement,
      String sql,
      BenchTable table,
      DivergenceKind kind,
      List<RowDivergence> touched)
      throws SQLException {
    try (ResultSet keys = statement.executeQuery(sql)) {
      while (keys.next()) {
        touched.add(RowDivergence.of(table, keys.getString(1), kind));
      }
    }
  }
}
