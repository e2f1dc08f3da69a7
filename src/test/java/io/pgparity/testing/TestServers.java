package io.pgparity.testing;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.SqlIdentifier;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.opentest4j.TestAbortedException;

/**
 * The one primary/replica pair all integration tests of a JVM share. By default two embedded
 * servers, started on first use and stopped at JVM exit; with the system properties {@value
 * #PRIMARY_URL} and {@value #REPLICA_URL} set, those servers instead.
 */
public final class TestServers {

  public static final String PRIMARY_URL = "pgparity.test.primary.url";
  public static final String REPLICA_URL = "pgparity.test.replica.url";

  private static final AtomicInteger schemas = new AtomicInteger();
  private static EmbeddedPair pair;
  private static RuntimeException startFailure;

  private TestServers() {}

  /**
   * The shared pair. If the servers cannot start, the calling test is aborted (skipped), except
   * under {@code CI=true}, where it fails: CI must never pass by skipping.
   */
  public static synchronized EmbeddedPair pair() {
    if (pair == null && startFailure == null) {
      try {
        pair = open();
        Runtime.getRuntime().addShutdownHook(new Thread(pair::close, "test-servers-stop"));
      } catch (RuntimeException e) {
        startFailure = e;
      }
    }
    if (startFailure != null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(
            "test servers did not start under CI=true: " + startFailure.getMessage(), startFailure);
      }
      throw new TestAbortedException(
          "test servers did not start, skipping: " + startFailure.getMessage(), startFailure);
    }
    return pair;
  }

  private static EmbeddedPair open() {
    String primaryUrl = System.getProperty(PRIMARY_URL);
    String replicaUrl = System.getProperty(REPLICA_URL);
    if (primaryUrl == null && replicaUrl == null) {
      return EmbeddedPair.start();
    }
    checkArgument(
        primaryUrl != null && replicaUrl != null,
        "set both -D%s and -D%s, or neither to use embedded servers",
        PRIMARY_URL,
        REPLICA_URL);
    return EmbeddedPair.connect(primaryUrl, replicaUrl);
  }

  /**
   * Creates an empty schema {@code t_<prefix>_<n>} on both sides (dropping a leftover of that name
   * first) and returns its name; {@code prefix} is folded to lower case letters, digits and _.
   */
  public static String uniqueSchema(String prefix) {
    String cleaned = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    String schema =
        "t_"
            + cleaned.substring(0, Math.min(cleaned.length(), 40))
            + "_"
            + schemas.incrementAndGet();
    dropSchema(schema);
    pair().execBoth("CREATE SCHEMA " + SqlIdentifier.quote(schema));
    return schema;
  }

  /** Drops a schema and everything in it on both sides; a missing schema is fine. */
  public static void dropSchema(String schema) {
    pair().execBoth("DROP SCHEMA IF EXISTS " + SqlIdentifier.quote(schema) + " CASCADE");
  }

  /** Runs one SQL string (several statements allowed) on one side, outside any test transaction. */
  public static void exec(javax.sql.DataSource dataSource, String sql) {
    try (java.sql.Connection connection = dataSource.getConnection();
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The first column of the first row {@code sql} returns on one side (null for SQL NULL). */
  public static String query(javax.sql.DataSource dataSource, String sql) {
    try (java.sql.Connection connection = dataSource.getConnection();
        java.sql.Statement statement = connection.createStatement();
        java.sql.ResultSet rows = statement.executeQuery(sql)) {
      if (!rows.next()) {
        throw new IllegalStateException(sql + ": no row");
      }
      return rows.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
