package io.pgparity.connect;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done over one connection of one side; it runs in its own short read-only transaction. */
@FunctionalInterface
public interface SideQuery<T> {

  T run(Connection connection, Side side) throws SQLException;
}
