package io.pgparity.repair;

import io.pgparity.catalog.CatalogReader;
import io.pgparity.catalog.TableSchema;
import io.pgparity.table.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Reads a table as a repair must know it, through the catalog's own reader: column types, generated
 * and identity columns. Types are printed with search_path set to pg_catalog alone (for the current
 * transaction only), so format_type() qualifies every type that is not built in, and a literal's
 * cast means the same type whatever search_path applies the statement later.
 */
public final class CatalogFacts {

  private CatalogFacts() {}

  /** The table, or empty when it does not exist; runs inside the caller's transaction. */
  public static Optional<TableSchema> read(Connection connection, TableRef table)
      throws SQLException {
    qualifyTypes(connection);
    return CatalogReader.read(connection, table);
  }

  /** Sets search_path to pg_catalog until the end of the current transaction. */
  static void qualifyTypes(Connection connection) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT set_config('search_path', 'pg_catalog', true)")) {
      ps.execute();
    }
  }
}
