package io.pgparity.finding;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;

/**
 * One difference between the two sides' schemas. {@code table} is the table the object belongs to,
 * or null for an object of the database (an extension, an enum type, a collation, a sequence no
 * column owns); {@code object} names the object as the catalog does (a constraint, index, trigger,
 * type or extension name; the column for COLUMN); {@code message} says what differs and what that
 * allows, e.g. "the replica lacks check constraint amount_positive (CHECK (amount > 0)): it accepts
 * rows the primary refuses".
 */
public record SchemaFinding(
    TableRef table, ObjectKind kind, String object, FindingSeverity severity, String message) {

  public SchemaFinding {
    checkNotNull(kind, "kind");
    checkArgument(object != null && !object.isEmpty(), "object must name the object");
    checkNotNull(severity, "severity");
    checkArgument(message != null && !message.isBlank(), "message must say what differs");
  }

  /** True for a difference of the whole database rather than of one table. */
  public boolean databaseWide() {
    return table == null;
  }

  public boolean divergent() {
    return severity == FindingSeverity.DIVERGENT;
  }
}
