package io.pgparity.schemadiff;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import java.util.List;

/**
 * A row-level security policy: {@code command} is pg_policy.polcmd ('r' SELECT, 'a' INSERT, 'w'
 * UPDATE, 'd' DELETE, '*' ALL), {@code roles} the role names it applies to (PUBLIC for all), {@code
 * using} and {@code withCheck} the expressions (null when absent).
 */
public record PolicyDefinition(
    TableRef table,
    String name,
    char command,
    boolean permissive,
    List<String> roles,
    String using,
    String withCheck) {

  public PolicyDefinition {
    checkNotNull(table, "table");
    checkArgument(name != null && !name.isEmpty(), "policy name");
    checkArgument("rawd*".indexOf(command) >= 0, "%s: polcmd '%s'", name, command);
    roles = List.copyOf(roles);
  }

  /** The policy as CREATE POLICY would read, without its name and table. */
  String describe() {
    String cmd =
        switch (command) {
          case 'r' -> "SELECT";
          case 'a' -> "INSERT";
          case 'w' -> "UPDATE";
          case 'd' -> "DELETE";
          default -> "ALL";
        };
    return (permissive ? "PERMISSIVE" : "RESTRICTIVE")
        + " FOR "
        + cmd
        + " TO "
        + String.join(", ", roles)
        + (using == null ? "" : " USING (" + using + ")")
        + (withCheck == null ? "" : " WITH CHECK (" + withCheck + ")");
  }
}
