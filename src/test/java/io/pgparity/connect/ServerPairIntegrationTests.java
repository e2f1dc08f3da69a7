package io.pgparity.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.failure.CompareException;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every session pgparity opens is read-only, named, time-limited and carries the pinned settings.
 */
class ServerPairIntegrationTests {

  @Test
  void sessionsArePinnedReadOnlyAndNamedOnBothSides() {
    EmbeddedPair servers = TestServers.pair();
    JobDefinition definition =
        new JobDefinition(
            "settings",
            new ConnectionSpec(servers.primaryUrl(), null),
            new ConnectionSpec(servers.replicaUrl(), null),
            List.of(TableSpec.of(TableRef.parse("public.any"))),
            new Tuning(1, 1000, 10, Duration.ofSeconds(90), Duration.ofSeconds(3)),
            Path.of("unused"),
            null);
    try (ServerPair pair = ServerPair.open(definition)) {
      // twice: the settings must survive the rollback that ends every unit of work
      for (int round = 0; round < 2; round++) {
        Both<String> settings =
            pair.onBoth(
                "settings",
                (c, s) -> {
                  try (Statement st = c.createStatement();
                      ResultSet rs =
                          st.executeQuery(
                              "SELECT concat_ws(' | ', current_setting('TimeZone'), current_setting('DateStyle'),"
                                  + " current_setting('IntervalStyle'), current_setting('extra_float_digits'),"
                                  + " current_setting('bytea_output'), current_setting('statement_timeout'),"
                                  + " current_setting('lock_timeout'), current_setting('transaction_read_only'),"
                                  + " current_setting('row_security'), current_setting('application_name'),"
                                  + " current_setting('max_parallel_workers_per_gather'), current_setting('jit'))")) {
                    rs.next();
                    return rs.getString(1);
                  }
                });
        String expected =
            "UTC | ISO, YMD | postgres | 3 | hex | 90s | 3s | on | off | pgparity | 0 | off";
        assertThat(settings.primary()).isEqualTo(expected);
        assertThat(settings.replica()).isEqualTo(expected);
      }
      assertThatThrownBy(
              () ->
                  pair.on(
                      Side.REPLICA,
                      "write attempt",
                      (c, s) -> {
                        try (Statement st = c.createStatement()) {
                          return st.execute("CREATE TABLE public.must_not_exist (id int)");
                        }
                      }))
          .isInstanceOf(CompareException.class)
          .hasMessageContaining("read-only transaction");
    }
  }
}
