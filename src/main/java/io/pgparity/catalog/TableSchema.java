package io.pgparity.catalog;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Optional;

/**
 * A table's columns in attnum order and its candidate keys: the primary key first, then unique
 * indexes whose columns are all NOT NULL (no partial or expression indexes).
 */
public record TableSchema(TableRef table, List<ColumnInfo> columns, List<List<String>> candidateKeys, char relkind) {

  public TableSchema {
    checkNotNull(table, "table");
    columns = List.copyOf(columns);
    candidateKeys = candidateKeys.stream().map(List::copyOf).toList();
  }

  public Optional<ColumnInfo> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
