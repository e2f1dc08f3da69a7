package io.pgparity.schemadiff;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;

/** A table's row-level security switches: pg_class.relrowsecurity and relforcerowsecurity. */
public record RowSecurity(TableRef table, boolean enabled, boolean forced) {

  public RowSecurity {
    checkNotNull(table, "table");
  }

  String describe() {
    return !enabled ? "disabled" : forced ? "enabled and forced" : "enabled";
  }
}
