package io.pgparity.cli;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.config.TablePattern;
import io.pgparity.table.TableRef;

/**
 * One --table value: a table named exactly ({@code exact}) or, when it has a wildcard outside
 * double quotes, a pattern; exactly one of the two is set.
 */
record TableArgument(TableRef exact, TablePattern pattern) {

  TableArgument {
    checkArgument((exact == null) != (pattern == null), "either a table or a pattern");
  }

  /** Reads {@code text} as a pattern when it has an unquoted * or ?, else as one table. */
  static TableArgument parse(String text) {
    return TablePattern.hasWildcard(text)
        ? new TableArgument(null, TablePattern.parse(text))
        : new TableArgument(TableRef.parse(text), null);
  }

  @Override
  public String toString() {
    return exact != null ? exact.toString() : pattern.text();
  }
}
