package io.pgparity.schemadiff;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;

/**
 * A user trigger (not an internal one such as a foreign key's): {@code definition} is
 * pg_get_triggerdef() under search_path pg_catalog, {@code enabled} is pg_trigger.tgenabled: 'O'
 * fires in sessions whose session_replication_role is origin or local (not in a logical
 * subscriber's apply, which runs as replica), 'R' only in replica sessions, 'A' always, 'D' never.
 * {@code function} is pg_get_functiondef() of the function it calls: the same CREATE TRIGGER can
 * run another body on each side.
 */
public record TriggerDefinition(
    TableRef table, String name, String definition, char enabled, String function) {

  public TriggerDefinition {
    checkNotNull(table, "table");
    checkArgument(name != null && !name.isEmpty(), "trigger name");
    checkArgument(definition != null && !definition.isEmpty(), "%s: definition", name);
    checkArgument("ODRA".indexOf(enabled) >= 0, "%s: tgenabled '%s'", name, enabled);
    checkArgument(function != null && !function.isEmpty(), "%s: function definition", name);
  }

  /** The state as ALTER TABLE sets it. */
  String describeEnabled() {
    return switch (enabled) {
      case 'O' -> "ENABLE (fires on origin writes, not in logical apply)";
      case 'R' -> "ENABLE REPLICA (fires only in logical apply)";
      case 'A' -> "ENABLE ALWAYS (fires on every write, logical apply included)";
      default -> "DISABLE (never fires)";
    };
  }
}
