package io.pgparity.connect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.failure.CompareException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A small connection pool to one compared server. Every connection is read-only, not in autocommit
 * (so pgjdbc streams with a fetch size instead of loading whole results), named {@code pgparity} in
 * pg_stat_activity, and carries the pinned {@link SessionSettings}.
 */
public final class ServerPool implements AutoCloseable {

  private final Side side;
  private final ConnectionSpec spec;
  private final HikariDataSource dataSource;

  private ServerPool(Side side, ConnectionSpec spec, HikariDataSource dataSource) {
    this.side = side;
    this.spec = spec;
    this.dataSource = dataSource;
  }

  /** Opens the pool and one connection, so a bad address or password fails here, clearly. */
  public static ServerPool open(Side side, ConnectionSpec given, Tuning tuning) {
    // pgjdbc logs the URL it connects with at DEBUG: a password must not ride in it
    ConnectionSpec spec = given.withPasswordOutOfUrl();
    HikariConfig config = new HikariConfig();
    config.setPoolName("pgparity-" + side.label());
    config.setJdbcUrl(spec.url());
    if (spec.password() != null) {
      config.setPassword(spec.password());
    }
    config.addDataSourceProperty("ApplicationName", "pgparity");
    // a server error's Detail line can quote row values (e.g. "Key (id)=(42) already exists");
    // without it exception messages, --debug stack traces and the job repository never hold them
    config.addDataSourceProperty("logServerErrorDetail", "false");
    config.setReadOnly(true);
    config.setAutoCommit(false);
    // a diff worker may hold a streaming connection while it fetches rows on a second one
    config.setMaximumPoolSize(tuning.threads() * 2 + 1);
    config.setMinimumIdle(1);
    config.setConnectionInitSql(SessionSettings.initSql(tuning));
    // autocommit is off: without this Hikari leaves the SETs in an open transaction and the first
    // rollback undoes them, and every query would run with the servers' own defaults
    config.setIsolateInternalQueries(true);
    // fail on the first attempt: a wrong address or password will not get better by waiting
    config.setInitializationFailTimeout(1);
    config.setConnectionTimeout(30_000);
    config.addDataSourceProperty("connectTimeout", "10");
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw ConnectionFailures.describe(side, spec, e);
    }
    ServerPool pool = new ServerPool(side, spec, dataSource);
    try (Connection probe = pool.connection()) {
      probe.rollback();
    } catch (SQLException | RuntimeException e) {
      dataSource.close();
      throw e instanceof CompareException ce ? ce : ConnectionFailures.describe(side, spec, e);
    }
    return pool;
  }

  /** A pooled connection; callers close it, and commit or roll back what they started. */
  public Connection connection() {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw ConnectionFailures.describe(side, spec, e);
    }
  }

  /**
   * A pooled connection for work that retries: a failure to get one is tagged with this side and
   * carries the driver's own exception (and SQLSTATE) rather than the pool's time-out wrapper.
   */
  Connection borrow() throws SQLException {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      SQLException driver = ConnectionFailures.findSql(e);
      SideFailure failure = new SideFailure(side, driver);
      if (driver != e) {
        failure.addSuppressed(e);
      }
      throw failure;
    }
  }

  /**
   * Returns a borrowed connection to the pool, or closes it for good when it may be broken. Hikari
   * evicts by itself on class 08 and 57P01..03, not on a standby's FATAL "conflict with recovery"
   * (40001), which ends the session too. Evicting after the close keeps Hikari from closing the
   * same connection twice; a failing close only means the connection is gone.
   */
  void release(Connection connection, boolean broken) {
    boolean evict = broken;
    try {
      connection.close();
    } catch (SQLException e) {
      evict = true;
    }
    if (evict) {
      dataSource.evictConnection(connection);
    }
  }

  public Side side() {
    return side;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
