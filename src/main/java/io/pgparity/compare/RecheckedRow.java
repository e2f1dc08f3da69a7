package io.pgparity.compare;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A suspect row that rechecking settled as converged or unstable, by key only (a key column is null
 * where the replica holds a NULL key): listed in the report apart from the divergences, with the
 * primary reads it took.
 */
public record RecheckedRow(
    TableRef table, Map<String, String> key, RecheckOutcome outcome, int reads) {

  public RecheckedRow {
    checkNotNull(table, "table");
    checkNotNull(outcome, "outcome");
    checkArgument(key != null && !key.isEmpty(), "key must name at least one column");
    checkArgument(reads >= 1, "a rechecked row was read at least once but reads was %s", reads);
    // a NULL key column (a replica without NOT NULL) is a null value, which ImmutableMap refuses
    key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
  }
}
