package io.pgparity.bench;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.SqlIdentifier;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads the many-tables case on both servers at once (and the start-up table), links the replica to
 * the primary by logical replication without copying, as {@link BenchData} does for the large
 * tables, and drops it all again on a shared pair.
 */
final class ManyTablesData {

  /** The publication on the primary and subscription on the replica of the many-tables case. */
  static final String PUBLICATION = "bench_many";

  // VACUUM takes a list of tables; one statement per hundred spares 1,000 round trips
  private static final int VACUUM_BATCH = 100;

  private final EmbeddedPair pair;
  private final RawPair sides;

  ManyTablesData(EmbeddedPair pair) {
    this.pair = pair;
    this.sides = new RawPair(pair.primary(), pair.replica());
  }

  /**
   * Creates and fills every table of {@code tables} and the start-up table, then VACUUM ANALYZE.
   */
  void load(ManyTables tables) {
    List<ManyTables.Table> all = new ArrayList<>(tables.tables());
    all.add(ManyTables.startupTable());
    sides.onBoth(
        "loading the many-tables case",
        connection -> {
          try (Statement statement = connection.createStatement()) {
            for (String schema : List.of(ManyTables.SCHEMA, ManyTables.STARTUP_SCHEMA)) {
              statement.execute(
                  "DROP SCHEMA IF EXISTS " + SqlIdentifier.quote(schema) + " CASCADE");
              statement.execute("CREATE SCHEMA " + SqlIdentifier.quote(schema));
            }
            for (ManyTables.Table table : all) {
              statement.execute(table.createSql() + "; " + table.loadSql());
            }
            for (int from = 0; from < all.size(); from += VACUUM_BATCH) {
              statement.execute(
                  "VACUUM ANALYZE "
                      + all.subList(from, Math.min(all.size(), from + VACUUM_BATCH)).stream()
                          .map(t -> SqlIdentifier.quote(t.ref()))
                          .collect(Collectors.joining(", ")));
            }
          }
          return null;
        });
  }

  /**
   * Subscribes the replica to every table (the start-up table included) without copying, so verify
   * meets a live logical replica, as in the large-tables case.
   */
  void link(ManyTables tables) {
    List<String> names = new ArrayList<>();
    tables.tables().forEach(t -> names.add(t.ref().toString()));
    names.add(ManyTables.startupTable().ref().toString());
    pair.replicateExisting(PUBLICATION, names.toArray(String[]::new));
  }

  /** Drops the subscription, publication and schemas (a shared pair); throws what failed. */
  void drop() {
    pair.dropReplication(PUBLICATION);
    for (String schema : List.of(ManyTables.SCHEMA, ManyTables.STARTUP_SCHEMA)) {
      pair.execBoth("DROP SCHEMA IF EXISTS " + SqlIdentifier.quote(schema) + " CASCADE");
    }
  }
}
