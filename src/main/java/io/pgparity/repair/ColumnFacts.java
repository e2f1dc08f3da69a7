package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One column of a table as a repair must know it: its type as {@code format_type()} prints it with
 * every non-built-in type schema-qualified (to cast literals to), whether it is a stored generated
 * column (never written) and its identity kind ({@code 'a'} always, {@code 'd'} by default, {@code
 * ' '} none).
 */
public record ColumnFacts(String name, String type, boolean generated, char identity) {

  public ColumnFacts {
    checkArgument(name != null && !name.isEmpty(), "column name must not be empty");
    checkArgument(type != null && !type.isBlank(), "column %s needs a type", name);
    checkArgument(
        identity == ' ' || identity == 'a' || identity == 'd',
        "identity of %s must be ' ', 'a' or 'd' but was '%s'",
        name,
        identity);
  }

  /** An identity column GENERATED ALWAYS, which UPDATE cannot set. */
  public boolean alwaysIdentity() {
    return identity == 'a';
  }

  /** Whether INSERT may give this column a value. */
  public boolean insertable() {
    return !generated;
  }
}
