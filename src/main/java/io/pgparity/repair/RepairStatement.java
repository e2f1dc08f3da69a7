package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;

/**
 * One guarded statement of repair.sql: one line, ending in a semicolon. {@code note} (nullable)
 * explains something the statement could not do, and goes on a comment line above it.
 */
public record RepairStatement(TableRef table, RepairKind kind, String sql, String note) {

  public RepairStatement {
    checkNotNull(table, "table");
    checkNotNull(kind, "kind");
    checkArgument(
        sql != null && sql.startsWith(kind.name() + " ") && sql.endsWith(";"),
        "a %s statement starts with %s and ends with ';'",
        kind,
        kind);
    checkArgument(sql.indexOf('\n') < 0 && sql.indexOf('\r') < 0, "a repair statement is one line");
    checkArgument(
        note == null || (note.indexOf('\n') < 0 && note.indexOf('\r') < 0), "a note is one line");
  }
}
