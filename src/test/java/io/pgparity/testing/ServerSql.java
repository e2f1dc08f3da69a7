package io.pgparity.testing;

import static com.google.common.base.Preconditions.checkNotNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Short autocommit statements against one named test server, values always bound. */
record ServerSql(String name, DataSource dataSource) {

  private static final long POLL_MILLIS = 20;

  ServerSql {
    checkNotNull(name, "name");
    checkNotNull(dataSource, "dataSource");
  }

  /** The first column of the first row as text, or null when there is no row or it is NULL. */
  String text(String sql, Object... args) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, args);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      throw failure(sql, e);
    }
  }

  /** Like {@link #text} for a boolean query; NULL or no row count as false. */
  boolean test(String sql, Object... args) {
    String value = text(sql, args);
    return "t".equals(value) || "true".equals(value);
  }

  /** Runs a statement that returns no rows (or whose rows do not matter). */
  void run(String sql, Object... args) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, args)) {
      statement.execute();
    } catch (SQLException e) {
      throw failure(sql, e);
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... args)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      statement.setObject(i + 1, args[i]);
    }
    return statement;
  }

  private IllegalStateException failure(String sql, SQLException e) {
    return new IllegalStateException(name + ": " + sql + ": " + e.getMessage(), e);
  }

  /**
   * Polls {@code done} until it holds; after {@code timeout} throws {@link IllegalStateException}
   * saying what was awaited and the last {@code state} seen.
   */
  static void await(String what, Duration timeout, BooleanSupplier done, Supplier<String> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "gave up after "
                + timeout.toMillis()
                + " ms waiting until "
                + what
                + "; "
                + state.get());
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting until " + what, e);
      }
    }
  }
}
