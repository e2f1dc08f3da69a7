package io.pgparity.live;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.LiveTuning;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.connect.ServerPair;
import io.pgparity.connect.Side;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * Test support: pgparity's own connection pools to the shared pair, as a role of the test's
 * choosing.
 */
final class LivePair {

  private LivePair() {}

  /** Pools to both embedded servers as {@code user} (postgres is a superuser). */
  static ServerPair open(EmbeddedPair servers, String user) {
    JobDefinition definition =
        new JobDefinition(
            "live",
            new ConnectionSpec(as(servers.primaryUrl(), user), null),
            new ConnectionSpec(as(servers.replicaUrl(), user), null),
            List.of(TableSpec.of(TableRef.parse("public.unused"))),
            new Tuning(2, 1000, 10, Duration.ofSeconds(60), Duration.ofSeconds(5)),
            Path.of("unused"),
            null);
    return ServerPair.open(definition);
  }

  static LiveTuning tuning(Duration maxWait, long maxLagBytes) {
    return new LiveTuning(true, maxWait, maxLagBytes, 3, Duration.ofSeconds(1), 0, 3);
  }

  /**
   * The primary's position as a worker would read it: over a pooled connection, after its reads.
   */
  static Lsn primaryPosition(ServerPair pair, CatchUp catchUp) {
    return pair.on(Side.PRIMARY, "test position", (c, s) -> catchUp.primaryPosition(c));
  }

  /**
   * Creates a login role on both servers that may read {@code schema}; drop it with {@link
   * #dropRole}.
   */
  static void createReader(EmbeddedPair servers, String role, String schema) {
    servers.execBoth("CREATE ROLE " + role + " LOGIN");
    servers.execBoth(
        "GRANT USAGE ON SCHEMA "
            + schema
            + " TO "
            + role
            + "; GRANT SELECT ON ALL TABLES IN SCHEMA "
            + schema
            + " TO "
            + role);
  }

  static void dropRole(EmbeddedPair servers, String role) {
    servers.execBoth("DROP OWNED BY " + role + "; DROP ROLE " + role);
  }

  static void exec(DataSource dataSource, String sql) {
    TestServers.exec(dataSource, sql);
  }

  private static String as(String url, String user) {
    return url.replace("user=postgres", "user=" + user);
  }
}
