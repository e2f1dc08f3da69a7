package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import java.util.List;
import java.util.Optional;

/** A table's columns on one side, in attnum order, as {@link CatalogFacts} read them. */
public record TableFacts(TableRef table, List<ColumnFacts> columns) {

  public TableFacts {
    checkNotNull(table, "table");
    columns = List.copyOf(columns);
    checkArgument(!columns.isEmpty(), "%s has no columns", table);
  }

  public Optional<ColumnFacts> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The column, or an exception naming the table and the remedy when it is gone. */
  public ColumnFacts require(String name) {
    return column(name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "column "
                        + name
                        + " of "
                        + table
                        + " is no longer there; verify again, then repair"));
  }

  /**
   * Whether an INSERT into the table needs OVERRIDING SYSTEM VALUE to keep the source's identity
   * values.
   */
  public boolean hasIdentity() {
    return columns.stream().anyMatch(c -> c.identity() != ' ');
  }
}
