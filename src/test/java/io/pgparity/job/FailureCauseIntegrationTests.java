package io.pgparity.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.cli.JobDefinitionFactory;
import io.pgparity.cli.VerifyCommand;
import io.pgparity.config.JobFileLoader;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A query that fails inside a hash or diff partition, after planning went well: the verdict line,
 * summary.json and the reports carry the server's words, its SQLSTATE and the remedy, never Spring
 * Batch's "Partition handler returned an unsuccessful step". Each case is a role that planning's
 * reads do not trip over: planning takes the row estimate from the statistics and reads only the
 * key (for the boundaries) and the catalogs, hashing reads every compared column and ctid, and the
 * diff also reads the settle column, which is not compared.
 */
class FailureCauseIntegrationTests {

  private static final String SPRING_WRAPPER = "Partition handler returned an unsuccessful step";

  private static EmbeddedPair pair;
  private static String schema;

  @TempDir Path dir;

  @BeforeAll
  static void createTablesAndRoles() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("failure_cause");
    String s = schema + ".";
    // updated_at is older than any settle window, so no row of the diff is left settling
    pair.execBoth(
        "CREATE TABLE "
            + s
            + "accounts (id int PRIMARY KEY, v text, updated_at timestamptz NOT NULL);"
            + "INSERT INTO "
            + s
            + "accounts SELECT i, 'value ' || i, now() - interval '1 day'"
            + " FROM generate_series(1, 3000) i;"
            + "ANALYZE "
            + s
            + "accounts;"
            // roles are per server: each exists on both sides with the same grants
            + role("noselect")
            + role("keyonly")
            + "GRANT SELECT (id) ON "
            + s
            + "accounts TO "
            + schema
            + "_keyonly;"
            + role("nosettle")
            + "GRANT SELECT (id, v, ctid) ON "
            + s
            + "accounts TO "
            + schema
            + "_nosettle;");
    // divergent rows in two ranges far apart, so the diff has rows to fetch
    TestServers.exec(
        pair.replica(), "UPDATE " + s + "accounts SET v = 'changed' WHERE id IN (10, 2990)");
  }

  private static String role(String suffix) {
    String role = schema + "_" + suffix;
    return "DROP ROLE IF EXISTS "
        + role
        + "; CREATE ROLE "
        + role
        + " LOGIN; GRANT USAGE ON SCHEMA "
        + schema
        + " TO "
        + role
        + ";";
  }

  @AfterAll
  static void dropTablesAndRoles() {
    TestServers.dropSchema(schema);
    for (String suffix : List.of("noselect", "keyonly", "nosettle")) {
      pair.execBoth("DROP ROLE IF EXISTS " + schema + "_" + suffix);
    }
  }

  @AfterEach
  void restoreSliceCap() {
    HeapSlices.maxBlocksPerSlice = HeapSlices.MAX_BLOCKS_PER_SLICE;
  }

  /**
   * The case of issue 11: statistics spare planning any read of the table, so hashing is the first
   * to read it.
   */
  @Test
  void aRoleWithoutSelectFailsInHashingWithTheServersMessageAndTheGrant() throws IOException {
    Run run = verify(job("noselect", "chunk-rows: 10000\n", ""));
    assertThat(partitions("noselect", "hashRange:", "FAILED"))
        .as("failed hash partitions")
        .isEqualTo(1);
    assertFailedWithCause(run, "hashing");
  }

  /**
   * Several hash partitions fail at once (several slices, two threads): the cause survives them
   * all.
   */
  @Test
  void severalFailingHashPartitionsKeepTheServersMessage() throws IOException {
    HeapSlices.maxBlocksPerSlice = 2;
    Run run = verify(job("keyonly", "chunk-rows: 300\nthreads: 2\n", ""));
    assertThat(partitions("keyonly", "hashRange:", "FAILED"))
        .as("failed hash partitions")
        .isGreaterThan(1);
    assertFailedWithCause(run, "hashing");
    assertThat(run.stdout())
        .containsPattern("\\(and [1-9][0-9]* more failures, see the log\\); report: ");
  }

  /**
   * Hashing reads only the compared columns; fetching the divergent rows also reads the settle
   * column.
   */
  @Test
  void aColumnTheDiffAloneReadsFailsInTheDiffWithTheServersMessageAndTheGrant() throws IOException {
    Run run =
        verify(
            job(
                "nosettle",
                "chunk-rows: 300\nthreads: 2\n",
                "    ignore-columns: [updated_at]\n    settle-column: updated_at\n    settle-window: 1m\n"));
    assertThat(partitions("nosettle", "hashRange:", "FAILED"))
        .as("failed hash partitions")
        .isZero();
    assertThat(partitions("nosettle", "hashRange:", "COMPLETED"))
        .as("hash partitions")
        .isPositive();
    assertThat(partitions("nosettle", "diffRange:", "FAILED"))
        .as("failed diff partitions")
        .isPositive();
    assertFailedWithCause(run, "diff");
  }

  private void assertFailedWithCause(Run run, String phase) throws IOException {
    assertThat(run.code()).as("%s", run.printed()).isEqualTo(ExitCode.RUNTIME_FAILURE.code());
    String[] lines = run.stdout().strip().split("\n");
    String verdict = lines[lines.length - 1];
    assertThat(verdict)
        .as("verdict line of a failure in %s", phase)
        .startsWith("FAILED: ")
        .contains(
            schema + ".accounts",
            "permission denied for table accounts",
            "[42501]",
            "grant SELECT on the table to the checking role")
        .doesNotContain(SPRING_WRAPPER);
    Path folder =
        Path.of(verdict.substring(verdict.lastIndexOf("report: ") + "report: ".length()).strip());
    JsonNode summary = RunFiles.summary(folder);
    assertThat(summary.get("status").asText()).isEqualTo("FAILED");
    JsonNode table = RunFiles.table(folder, schema + ".accounts");
    assertThat(table.get("status").asText()).isEqualTo("FAILED");
    assertThat(table.get("note").asText())
        .contains("permission denied for table accounts", "[42501]", "grant SELECT on the table")
        .doesNotContain(SPRING_WRAPPER);
    for (String report : List.of("report.md", "report.html")) {
      assertThat(Files.readString(folder.resolve(report)))
          .as(report)
          .contains("permission denied for table accounts", "42501", "grant SELECT on the table")
          .doesNotContain(SPRING_WRAPPER);
    }
  }

  /**
   * A one-table job as the given role on both sides, not lag-aware (the replica is an independent
   * copy).
   */
  private Path job(String roleSuffix, String tuning, String tableKeys) throws IOException {
    String user = "user=" + schema + "_" + roleSuffix;
    Path job = dir.resolve(roleSuffix + ".yaml");
    Files.writeString(
        job,
        "name: "
            + roleSuffix
            + "\n"
            + "primary:\n  url: '"
            + pair.primaryUrl().replace("user=postgres", user)
            + "'\n"
            + "replica:\n  url: '"
            + pair.replicaUrl().replace("user=postgres", user)
            + "'\n"
            + "lag-aware: false\n"
            + tuning
            + "out: '"
            + dir.resolve("out")
            + "'\n"
            + "tables:\n  - table: "
            + schema
            + ".accounts\n"
            + tableKeys);
    return job;
  }

  /**
   * How many step executions of the job named {@code name...} ended with {@code status}, from its
   * job repository.
   */
  private int partitions(String job, String name, String status) {
    Path repository = dir.resolve("out").resolve(job).resolve(".jobrepository").resolve("batch");
    try (Connection connection =
            DriverManager.getConnection("jdbc:h2:file:" + repository.toAbsolutePath(), "", "");
        PreparedStatement ps =
            connection.prepareStatement(
                "SELECT count(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE ? AND STATUS = ?")) {
      ps.setString(1, name + "%");
      ps.setString(2, status);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(repository + ": " + e.getMessage(), e);
    }
  }

  private Run verify(Path job) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    VerifyCommand verify =
        new VerifyCommand(
            new SpringVerifyLauncher(),
            new JobDefinitionFactory(
                new JobFileLoader(), Map.of(), new PasswordResolver(Map.of(), dir)));
    int code =
        verify.run(
            List.of("--job", job.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Run(int code, String stdout, String stderr) {
    String printed() {
      return stdout + "\n" + stderr;
    }
  }
}
