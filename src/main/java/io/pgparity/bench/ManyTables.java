package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.TablePattern;
import io.pgparity.config.TableSelection;
import io.pgparity.table.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The tables of the many-tables case, all in schema {@link #SCHEMA}: their names, shapes and row
 * counts, drawn from {@code seed} (sizes uniform in {@link #MIN_ROWS}..{@link #MAX_ROWS}), so the
 * same seed and count give the same tables.
 */
record ManyTables(long seed, List<Table> tables) {

  /** The schema of the case's tables on both servers; nothing else lives in it. */
  static final String SCHEMA = "bench_many";

  /** Where the one table of the start-up measurement lives, outside {@link #SCHEMA}. */
  static final String STARTUP_SCHEMA = "bench_startup";

  static final int MIN_ROWS = 100;
  static final int MAX_ROWS = 5_000;
  static final int STARTUP_ROWS = 100;

  /** One table: its name in {@link #SCHEMA}, its shape and its row count. */
  record Table(TableRef ref, ManyTableShape shape, int rows, int salt) {
    Table {
      checkNotNull(ref, "ref");
      checkNotNull(shape, "shape");
      checkArgument(rows >= 1, "%s needs at least one row but has %s", ref, rows);
    }

    String createSql() {
      return shape.createSql(ref);
    }

    String loadSql() {
      return shape.loadSql(ref, rows, salt);
    }
  }

  ManyTables {
    tables = List.copyOf(tables);
    checkArgument(!tables.isEmpty(), "the many-tables case needs at least one table");
  }

  /** {@code count} tables t0001.. with seeded sizes and the shapes in turn. */
  static ManyTables of(int count, long seed) {
    checkArgument(count >= 1, "the many-tables case needs at least one table but got %s", count);
    SplittableRandom random = new SplittableRandom(seed);
    ManyTableShape[] shapes = ManyTableShape.values();
    List<Table> tables = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      tables.add(
          new Table(
              new TableRef(SCHEMA, String.format(Locale.ROOT, "t%04d", i)),
              shapes[(i - 1) % shapes.length],
              random.nextInt(MIN_ROWS, MAX_ROWS + 1),
              i));
    }
    return new ManyTables(seed, tables);
  }

  /** The table verify's start-up is timed on: {@link #STARTUP_ROWS} rows, outside the case. */
  static Table startupTable() {
    return new Table(
        new TableRef(STARTUP_SCHEMA, "one_hundred"),
        ManyTableShape.BIGINT_TEXT_NUMERIC,
        STARTUP_ROWS,
        0);
  }

  long totalRows() {
    return tables.stream().mapToLong(Table::rows).sum();
  }

  /**
   * What verify is asked to compare: every table of the case, listed. The one place to change when
   * verify can select a whole schema (then: the schema {@link #SCHEMA} instead of the list).
   */
  /** The case's schema as verify --schema selects it: discovery must find exactly its tables. */
  TableSelection selection() {
    return new TableSelection(List.of(TablePattern.schema(SCHEMA)), List.of(), false);
  }
}
