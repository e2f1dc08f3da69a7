package io.pgparity.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --primary URL --replica URL} on the shared test servers, each verify a process of
 * its own launched from this JVM's class path: 30,000 rows, so the drift has one row of each kind.
 * The embedded servers lack pgcmp, so pg_comparator does not run.
 */
class ServerBenchmarkIntegrationTests {

  @TempDir Path out;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void benchOnNamedServersPassesItsChecksInProcessesAndDropsItsSchema() {
    EmbeddedPair pair = TestServers.pair();

    int exit = run(pair);
    System.out.print(stdout.toString(UTF_8));
    System.out.print(stderr.toString(UTF_8));

    assertThat(exit).isZero();
    assertThat(stderr.toString(UTF_8)).isEmpty();
    assertThat(stdout.toString(UTF_8))
        .contains(
            "Loading 30,000 rows into each of pgparity_bench.users on both servers",
            "pg_comparator: not applicable (the primary server lacks the pgcmp extension",
            "verify is launched as: " + LaunchCommand.byDefault() + " verify",
            "pgparity_bench.users: the replica now differs in 3 row(s) (1 updated, 1 deleted, 1 inserted).",
            BenchReport.HEADER,
            "| 30,000 | pgparity_bench.users | identical | ",
            "| 30,000 | pgparity_bench.users | 0.01% divergent | ",
            "Written to ")
        .containsPattern(
            "pgparity_bench.users, identical, round 1: floor [0-9.]+ s, verify \\(process\\) [0-9.]+ s,"
                + " verify \\(job\\) [0-9.]+ s, hash\\+diff of the table [0-9.]+ s\n");
    assertThat(schemaCount(pair)).isEqualTo("0/0");
  }

  @Test
  void anExistingSchemaIsRefusedWithExitTwoAndLeftAlone() {
    EmbeddedPair pair = TestServers.pair();
    TestServers.exec(pair.replica(), "CREATE SCHEMA " + BenchOptions.SERVER_SCHEMA);
    try {
      int exit = run(pair);

      assertThat(exit).isEqualTo(2);
      assertThat(stderr.toString(UTF_8))
          .contains(
              "bench: schema pgparity_bench already exists on the --replica server",
              "DROP SCHEMA pgparity_bench CASCADE");
      assertThat(schemaCount(pair)).isEqualTo("0/1");
    } finally {
      TestServers.exec(pair.replica(), "DROP SCHEMA IF EXISTS " + BenchOptions.SERVER_SCHEMA);
    }
  }

  private int run(EmbeddedPair pair) {
    List<String> args =
        List.of(
            "--primary",
            pair.primaryUrl(),
            "--replica",
            pair.replicaUrl(),
            "--rows",
            "30000",
            "--rounds",
            "1",
            "--tables",
            "users",
            "--out",
            out.toString());
    BenchCommand command =
        new BenchCommand(
            (options, o, e) -> {
              throw new AssertionError("the embedded benchmark must not run");
            },
            ServerBenchmark.processes(),
            null);
    return command.run(
        args, new PrintStream(stdout, true, UTF_8), new PrintStream(stderr, true, UTF_8));
  }

  private static String schemaCount(EmbeddedPair pair) {
    String sql =
        "SELECT count(*) FROM pg_namespace WHERE nspname = '" + BenchOptions.SERVER_SCHEMA + "'";
    return TestServers.query(pair.primary(), sql) + "/" + TestServers.query(pair.replica(), sql);
  }
}
