package io.pgparity.schemadiff;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import java.util.List;

/**
 * A table constraint: {@code kind} is pg_constraint.contype ('p', 'u', 'x', 'f', 'c'; NOT NULL
 * constraints, 'n' since PostgreSQL 18, are columns' business), {@code definition} is
 * pg_get_constraintdef() under search_path pg_catalog (so other tables are schema-qualified), and
 * {@code columns} the constrained columns (conkey), in order.
 */
public record ConstraintDefinition(
    TableRef table, String name, char kind, String definition, List<String> columns) {

  public ConstraintDefinition {
    checkNotNull(table, "table");
    checkArgument(name != null && !name.isEmpty(), "constraint name");
    checkArgument("puxfc".indexOf(kind) >= 0, "%s: constraint kind '%s'", name, kind);
    checkArgument(definition != null && !definition.isEmpty(), "%s: definition", name);
    columns = List.copyOf(columns);
  }

  /** What the two sides must agree on; the name is incidental. */
  String identity() {
    return kind + definition;
  }
}
