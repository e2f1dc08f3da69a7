package io.pgparity.connect;

import java.sql.Connection;
import java.sql.SQLException;

/** Work that needs one connection per side at once, e.g. to merge two streams. */
@FunctionalInterface
public interface PairedWork<T> {

  T run(Connection primary, Connection replica) throws SQLException;
}
