package io.pgparity.demo;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.compare.DivergenceKind;
import io.pgparity.table.TableRef;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the incident replay left behind: per table, exactly which keys a checker must report, and
 * how.
 */
public record IncidentSummary(List<TableDrift> tables) {

  public IncidentSummary {
    tables = List.copyOf(tables);
  }

  /**
   * One table's expected divergences: key text (as PostgreSQL prints the single key column, e.g.
   * {@code 42} or a lower-case uuid) to kind.
   */
  public record TableDrift(TableRef table, String keyColumn, Map<String, DivergenceKind> rows) {

    public TableDrift {
      checkNotNull(table, "table");
      checkArgument(keyColumn != null && !keyColumn.isEmpty(), "keyColumn must not be empty");
      rows = Map.copyOf(rows);
    }

    public long missingOnReplica() {
      return count(DivergenceKind.MISSING_ON_REPLICA);
    }

    public long extraOnReplica() {
      return count(DivergenceKind.EXTRA_ON_REPLICA);
    }

    public long changed() {
      return count(DivergenceKind.CHANGED);
    }

    /** Rows that differ in any way. */
    public long divergentRows() {
      return rows.size();
    }

    private long count(DivergenceKind kind) {
      return rows.values().stream().filter(kind::equals).count();
    }

    /** For example {@code public.users: 0 missing, 0 extra, 151 changed}. */
    @Override
    public String toString() {
      return table
          + ": "
          + missingOnReplica()
          + " missing, "
          + extraOnReplica()
          + " extra, "
          + changed()
          + " changed";
    }
  }

  /** The expectation for one table; throws if the replay did not cover it. */
  public TableDrift table(TableRef table) {
    return tables.stream()
        .filter(drift -> drift.table().equals(table))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    table
                        + " is not part of the incident; tables are "
                        + tables.stream().map(TableDrift::table).toList()));
  }

  /** Divergent rows across all tables. */
  public long divergentRows() {
    return tables.stream().mapToLong(TableDrift::divergentRows).sum();
  }

  /** One line per table, separated by "; ". */
  @Override
  public String toString() {
    return tables.stream().map(TableDrift::toString).collect(Collectors.joining("; "));
  }
}
