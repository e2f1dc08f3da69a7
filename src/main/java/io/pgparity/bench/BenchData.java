package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkState;

import io.pgparity.compare.DivergenceKind;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.TableRef;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
  private final String schema;

  /** The tables in schema {@code bench} of an embedded pair, which {@link #link} can link. */
  BenchData(EmbeddedPair pair) {
    this.pair = pair;
    this.sides = new RawPair(pair.primary(), pair.replica());
    this.replica = pair.replica();
    this.schema = BenchTable.SCHEMA;
  }

  /** The tables in {@code schema} of two servers the user named, never linked. */
  BenchData(DataSource primary, DataSource replica, String schema) {
    this.pair = null;
    this.sides = new RawPair(primary, replica);
    this.replica = replica;
    this.schema = schema;
  }

  /** As {@link #load(List, long)}, saying on {@code out} what it loads and how long it took. */
  void load(List<BenchTable> tables, long rows, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "Loading %,d rows into each of %s on both servers\u2026%n",
        rows,
        String.join(", ", tables.stream().map(t -> t.in(schema).toString()).toList()));
    long started = System.nanoTime();
    load(tables, rows);
    out.printf(
        Locale.ROOT,
        "Loaded in %.1f s (both servers in parallel, incl. primary keys and VACUUM ANALYZE).%n",
        (System.nanoTime() - started) / 1e9);
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
            if (pair != null) {
              // the embedded servers are the bench's own: a schema left by an aborted bench goes
              statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            statement.execute("CREATE SCHEMA " + schema);
            for (BenchTable table : tables) {
              long started = System.nanoTime();
              TableRef target = table.in(schema);
              statement.execute(table.createSql(target));
              statement.execute(table.loadSql(target, rows));
              statement.execute(table.primaryKeySql(target));
              log.debug("Loaded {} in {} ms", target, (System.nanoTime() - started) / 1_000_000);
            }
            for (BenchTable table : tables) {
              statement.execute("VACUUM ANALYZE " + table.in(schema));
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
    checkState(pair != null, "only an embedded pair is linked by the bench");
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
    checkState(pair != null, "only an embedded pair is linked by the bench");
    pair.awaitCaughtUp(PUBLICATION, timeout);
  }

  /**
   * Applies {@code plan} to {@code table} on the replica and returns the rows it touched, by key
   * and kind, as the database returned them. Written on the replica itself, as real drift is; the
   * idle primary sends no change it could conflict with.
   */
  InjectedDrift drift(BenchTable table, DriftPlan plan) {
    TableRef target = table.in(schema);
    try (Connection connection = replica.getConnection();
        Statement statement = connection.createStatement()) {
      List<RowDivergence> touched = new ArrayList<>();
      if (!plan.updates().isEmpty()) {
        touched(
            statement,
            table.updateSql(target, DriftPlan.array(plan.updates())),
            target,
            DivergenceKind.CHANGED,
            touched);
      }
      if (!plan.deletes().isEmpty()) {
        touched(
            statement,
            table.deleteSql(target, DriftPlan.array(plan.deletes())),
            target,
            DivergenceKind.MISSING_ON_REPLICA,
            touched);
      }
      if (!plan.inserts().isEmpty()) {
        touched(
            statement,
            table.insertSql(target, DriftPlan.array(plan.inserts()), plan.rows()),
            target,
            DivergenceKind.EXTRA_ON_REPLICA,
            touched);
      }
      // the replica's statistics should not lag its content when verify plans ranges
      statement.execute("ANALYZE " + target);
      return InjectedDrift.of(touched);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "making " + target + " drift on the replica: " + e.getMessage(), e);
    }
  }

  // the statement returns the key of each row it touched as text, which is how verify reports keys
  private static void touched(
      Statement statement,
      String sql,
      TableRef table,
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
