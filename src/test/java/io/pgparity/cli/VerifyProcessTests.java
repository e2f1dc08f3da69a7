package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.report.RunFolder;
import io.pgparity.testing.PgParityProcess;
import io.pgparity.testing.PgParityProcess.Result;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Starts the packaged jar as a user or a cron job would and checks what they rely on: the exit
 * code, the verdict as the last line of stdout, one line on stderr for every mistake, and the run
 * folder. Each process costs a few seconds, so every case here checks something only a real process
 * shows.
 */
class VerifyProcessTests {

  private static final Pattern VERSION = Pattern.compile("pgparity \\d+\\.\\d+\\.\\d+");

  /** The run folder a verdict line ends with, e.g. {@code out/adhoc/20261125T120000Z-1a2b}. */
  private static final Pattern FOLDER_AT_END =
      Pattern.compile("(\\S*" + RunFolder.RUN_ID.pattern() + ")$");

  private static final String RIGHT_PASSWORD = "pgparity-right-5d1e";
  private static final String WRONG_PASSWORD = "pgparity-wrong-8c4b";

  private static EmbeddedPair pair;
  private static String schema;

  @TempDir Path dir;

  @BeforeAll
  static void createTables() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("verify_process");
    String s = schema + ".";
    pair.execBoth(
        "CREATE TABLE "
            + s
            + "users (id int PRIMARY KEY, email text NOT NULL, active boolean);"
            + "INSERT INTO "
            + s
            + "users SELECT i, 'u' || i || '@example.com', i % 3 = 0"
            + " FROM generate_series(1, 20) i;"
            + "CREATE TABLE "
            + s
            + "sessions (id bigint PRIMARY KEY, user_id int, token text);"
            + "INSERT INTO "
            + s
            + "sessions SELECT i, i % 20 + 1, md5(i::text)"
            + " FROM generate_series(1, 30) i;"
            + "CREATE TABLE "
            + s
            + "drifted (id int PRIMARY KEY, v text);"
            + "INSERT INTO "
            + s
            + "drifted SELECT i, 'v' || i FROM generate_series(1, 20) i;"
            + "CREATE TABLE "
            + s
            + "nokey (a int, b text);"
            + "INSERT INTO "
            + s
            + "nokey VALUES (1, 'x');"
            + "CREATE TABLE "
            + s
            + "accounts (id int PRIMARY KEY, balance numeric);"
            + "INSERT INTO "
            + s
            + "accounts SELECT i, i * 10 FROM generate_series(1, 5) i;"
            // a role that may look at the schema but not read accounts (roles are per server)
            + "DROP ROLE IF EXISTS "
            + schema
            + "_noselect;"
            + "CREATE ROLE "
            + schema
            + "_noselect LOGIN;"
            + "GRANT USAGE ON SCHEMA "
            + schema
            + " TO "
            + schema
            + "_noselect;");
    exec(
        pair.replica(),
        "UPDATE "
            + s
            + "drifted SET v = 'changed' WHERE id = 3;"
            + "DELETE FROM "
            + s
            + "drifted WHERE id = 7;"
            + "INSERT INTO "
            + s
            + "drifted VALUES (100, 'extra');");
  }

  @AfterAll
  static void dropTables() {
    TestServers.dropSchema(schema);
    pair.execBoth("DROP ROLE IF EXISTS " + schema + "_noselect");
  }

  @Test
  void helpListsTheCommandsAndTheExitCodes() {
    Result r = pgparity("--help");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.stdout())
        .as("%s", r)
        .startsWith("Usage: pgparity <command> [options]")
        .containsPattern("(?m)^  verify  ")
        .containsPattern("(?m)^  demo  ")
        .contains(
            "  0  consistent",
            "  1  divergent",
            "  2  usage or configuration error",
            "  3  runtime failure",
            "  4  incomplete");
    assertThat(r.stderr()).as("%s", r).isEmpty();
  }

  @Test
  void versionPrintsTheProjectVersion() {
    Result r = pgparity("--version");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.stdoutLines()).as("%s", r).hasSize(1);
    assertThat(r.lastLine()).as("%s", r).matches(VERSION);
    assertThat(r.lastLine()).isEqualTo("pgparity " + pomVersion());
  }

  @Test
  void withoutArgumentsTheUsageGoesToStderrWithExitCodeTwo() {
    Result r = pgparity();
    assertThat(r.exitCode()).as("%s", r).isEqualTo(2);
    assertThat(r.stdout()).as("%s", r).isEmpty();
    assertThat(r.stderr()).as("%s", r).startsWith("Usage: pgparity <command> [options]");
  }

  @Test
  void anUnknownCommandIsOneLineOnStderrWithExitCodeTwo() {
    Result r = pgparity("verfy");
    assertThat(r.exitCode()).as("%s", r).isEqualTo(2);
    assertThat(r.stdout()).as("%s", r).isEmpty();
    assertThat(r.stderrLines()).as("%s", r).hasSize(1);
    assertThat(r.stderrLines().get(0))
        .startsWith("pgparity: unknown command 'verfy' (did you mean 'verify'?); valid commands: ")
        .contains("verify, demo")
        .endsWith(" (see pgparity --help)");
  }

  @Test
  void identicalTablesAreConsistent() {
    Result r = pgparity(adhoc("--table", schema + ".users"));
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.lastLine())
        .as("%s", r)
        .startsWith("CONSISTENT: 1 table, 20 rows compared, 0 divergent");
    Path folder = runFolder(r);
    assertThat(folder.getParent()).isEqualTo(dir.resolve("out").resolve("adhoc"));
    assertThat(RunFiles.summary(folder).get("status").asText()).isEqualTo("CONSISTENT");
    assertThat(RunFiles.divergences(folder)).isEmpty();
    assertNoStackTrace(r);
  }

  @Test
  void driftOnTheReplicaIsDivergentAndListsExactlyTheDriftedRows() {
    Result r = pgparity(adhoc("--table", schema + ".drifted"));
    assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
    assertThat(r.lastLine())
        .as("%s", r)
        .startsWith("DIVERGENT: 3 divergent rows in 1 of 1 table (missing 1, extra 1, changed 1)");
    Path folder = runFolder(r);
    assertThat(RunFiles.summary(folder).get("status").asText()).isEqualTo("DIVERGENT");
    assertThat(RunFiles.divergences(folder))
        .extracting(
            d ->
                d.get("table").asText()
                    + " "
                    + d.get("key").get("id").asText()
                    + " "
                    + d.get("kind").asText())
        .containsExactlyInAnyOrder(
            schema + ".drifted 3 CHANGED",
            schema + ".drifted 7 MISSING_ON_REPLICA",
            schema + ".drifted 100 EXTRA_ON_REPLICA");
    assertNoStackTrace(r);
  }

  @Test
  void reachingMaxDivergencesIsIncompleteWithExitCodeFour() {
    Result r = pgparity(adhoc("--table", schema + ".drifted", "--max-divergences", "1"));
    assertThat(r.exitCode()).as("%s", r).isEqualTo(4);
    assertThat(r.lastLine()).as("%s", r).startsWith("INCOMPLETE: 1 of 1 table not fully compared");
    assertThat(RunFiles.summary(runFolder(r)).get("status").asText()).isEqualTo("INCOMPLETE");
  }

  @Test
  void aMisspeltJobFileKeyNamesFileLineAndTheRightKey() throws IOException {
    writeJob("job.yaml", "thread: 2");
    Result r = pgparity("verify", "--job", "job.yaml");
    assertUsageError(r);
    assertThat(r.stderrLines().get(0))
        .startsWith(
            "pgparity: job.yaml:8: unknown key 'thread' in the job (did you mean 'threads'?);"
                + " valid keys: name, primary, replica, tables, exclude, materialized-views, threads,");
  }

  @Test
  void debugAddsTheStackTraceOfAConfigurationError() throws IOException {
    writeJob("job.yaml", "thread: 2");
    Result r = pgparity("verify", "--job", "job.yaml", "--debug");
    assertThat(r.exitCode()).as("%s", r).isEqualTo(2);
    assertThat(r.stdout()).as("%s", r).isEmpty();
    List<String> err = r.stderrLines();
    assertThat(err.get(0)).as("%s", r).startsWith("pgparity: job.yaml:8: unknown key 'thread'");
    assertThat(err.get(1))
        .as("%s", r)
        .isEqualTo(
            "io.pgparity.config.ConfigException: " + err.get(0).substring("pgparity: ".length()));
    assertThat(err)
        .as("%s", r)
        .anyMatch(line -> line.startsWith("\tat io.pgparity.config.JobFileLoader.load("));
  }

  @Test
  void aNonNumericThreadCountIsAUsageError() {
    Result r = pgparity(adhoc("--table", schema + ".users", "--threads", "two"));
    assertUsageError(r);
    assertThat(r.stderrLines())
        .containsExactly(
            "pgparity: verify: --threads must be auto or an integer between 1 and 64 but was 'two'");
  }

  @Test
  void anUnknownTableIsAConfigurationError() {
    Result r = pgparity(adhoc("--table", schema + ".no_such_table"));
    assertUsageError(r);
    assertThat(r.stderrLines().get(0))
        .startsWith(
            "pgparity: " + schema + ".no_such_table: no such table on the primary or the replica");
  }

  @Test
  void aTableWithoutAUsableKeyIsComparedAsAMultisetOfWholeRowsAndExitsWithItsVerdict() {
    // a configuration error (exit 2) until keyless tables were compared by their rows' hashes
    Result r = pgparity(adhoc("--table", schema + ".nokey"));
    assertThat(r.exitCode()).as("%s", r).isIn(0, 1);
    assertThat(r.lastLine()).as("%s", r).matches("(CONSISTENT|DIVERGENT): .*");
    assertNoStackTrace(r);
  }

  @Test
  void anUnreachableServerIsARuntimeFailureNamingServerAndRemedy() {
    Result r =
        pgparity(
            "verify",
            "--primary",
            "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres",
            "--replica",
            pair.replicaUrl(),
            "--table",
            schema + ".users",
            "--out",
            "out");
    assertThat(r.exitCode()).as("%s", r).isEqualTo(3);
    assertThat(r.lastLine())
        .as("%s", r)
        .startsWith("FAILED: cannot connect to the primary 127.0.0.1:1/postgres: ")
        .contains("refused")
        .contains("check the host and port");
    assertNoStackTrace(r);
  }

  @Test
  void aWrongPasswordIsARuntimeFailureThatNeverPrintsThePassword() throws Exception {
    String role = schema + "_pw";
    Path hba = localHbaFile();
    String original = Files.readString(hba);
    try {
      requirePassword(role, hba);
      Files.writeString(
          dir.resolve("job.yaml"),
          String.join(
              "\n",
              "name: pw",
              "primary:",
              "  url: '" + pair.primaryUrl().replace("user=postgres", "user=" + role) + "'",
              "  password: '${CHECKER_PASSWORD}'",
              "replica:",
              "  url: '" + pair.replicaUrl() + "'",
              "tables: [" + schema + ".users]",
              "out: out",
              ""));
      Result r =
          PgParityProcess.in(dir)
              .withEnv(Map.of("CHECKER_PASSWORD", WRONG_PASSWORD))
              .run("verify", "--job", "job.yaml");
      assertThat(r.exitCode()).as("%s", r).isEqualTo(3);
      assertThat(r.lastLine())
          .as("%s", r)
          .startsWith("FAILED: cannot connect to the primary ")
          .contains("password authentication failed for user \"" + role + "\"")
          .contains("check the user and password");
      assertNoStackTrace(r);
      for (String secret : List.of(WRONG_PASSWORD, RIGHT_PASSWORD)) {
        assertThat(r.stdout() + r.stderr()).as("%s", r).doesNotContain(secret);
        assertThat(filesContaining(dir, secret)).isEmpty();
      }
    } finally {
      Files.writeString(hba, original);
      exec(pair.primary(), "SELECT pg_reload_conf(); DROP ROLE IF EXISTS " + role);
    }
  }

  @Test
  void aMissingSelectPrivilegeIsARuntimeFailureThatSaysToGrantSelect() {
    String role = "user=" + schema + "_noselect";
    Result r =
        pgparity(
            "verify",
            "--primary",
            pair.primaryUrl().replace("user=postgres", role),
            "--replica",
            pair.replicaUrl().replace("user=postgres", role),
            "--table",
            schema + ".accounts",
            "--out",
            "out");
    assertThat(r.exitCode()).as("%s", r).isEqualTo(3);
    assertThat(r.lastLine())
        .as("%s", r)
        .startsWith("FAILED: " + schema + ".accounts")
        .contains("permission denied for table accounts")
        .contains("grant SELECT on the table");
    assertNoStackTrace(r);
  }

  @Test
  void theExampleJobFileTakesItsUrlsFromTheEnvironment() throws IOException {
    // jobs/auth.yaml unchanged but for the schema: public.users -> <schema>.users, and so on
    String example = Files.readString(projectDir().resolve("jobs").resolve("auth.yaml"));
    assertThat(example)
        .contains("${PGPARITY_PRIMARY_URL", "${PGPARITY_REPLICA_URL", "- table: public.users");
    Files.writeString(dir.resolve("auth.yaml"), example.replace("public.", schema + "."));
    Result r =
        PgParityProcess.in(dir)
            .withEnv(
                Map.of(
                    "PGPARITY_PRIMARY_URL", pair.primaryUrl(),
                    "PGPARITY_REPLICA_URL", pair.replicaUrl()))
            .run("verify", "--job", "auth.yaml");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.lastLine())
        .as("%s", r)
        .startsWith("CONSISTENT: 2 tables, 50 rows compared, 0 divergent");
    Path folder = runFolder(r);
    // out: reports is relative to the working directory
    assertThat(folder.getParent()).isEqualTo(dir.resolve("reports").resolve("auth"));
    JsonNode summary = RunFiles.summary(folder);
    assertThat(summary.get("status").asText()).isEqualTo("CONSISTENT");
    assertThat(summary.get("job").asText()).isEqualTo("auth");
    assertThat(summary.get("primary").get("host").asText()).endsWith(":" + port(pair.primaryUrl()));
  }

  // --- helpers

  private Result pgparity(String... args) {
    return PgParityProcess.in(dir).run(args);
  }

  /** verify against the test pair, writing under {@code <dir>/out}, plus {@code more}. */
  private static String[] adhoc(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                "--primary",
                pair.primaryUrl(),
                "--replica",
                pair.replicaUrl(),
                "--out",
                "out"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** A valid job file against the test pair with one extra line (line 8) appended. */
  private void writeJob(String name, String extraLine) throws IOException {
    Files.writeString(
        dir.resolve(name),
        String.join(
            "\n",
            "name: process",
            "primary:",
            "  url: '" + pair.primaryUrl() + "'",
            "replica:",
            "  url: '" + pair.replicaUrl() + "'",
            "tables: [" + schema + ".users]",
            "out: out",
            extraLine,
            ""));
  }

  /** Exit code 2, nothing on stdout, exactly one line on stderr, no stack trace, no run folder. */
  private void assertUsageError(Result r) {
    assertThat(r.exitCode()).as("%s", r).isEqualTo(2);
    assertThat(r.stdout()).as("%s", r).isEmpty();
    assertThat(r.stderrLines()).as("%s", r).hasSize(1);
    assertThat(r.stderrLines().get(0)).as("%s", r).startsWith("pgparity: ");
    assertNoStackTrace(r);
    assertThat(runFoldersUnder(dir)).as("%s", r).isEmpty();
  }

  private static void assertNoStackTrace(Result r) {
    assertThat(r.stderrLines()).as("%s", r).noneMatch(line -> line.startsWith("\tat "));
    assertThat(r.stdoutLines()).as("%s", r).noneMatch(line -> line.startsWith("\tat "));
  }

  /** The run folder the verdict names, resolved against the process's working directory. */
  private Path runFolder(Result r) {
    Matcher m = FOLDER_AT_END.matcher(r.lastLine());
    assertThat(m.find()).as("the verdict names a run folder: %s", r).isTrue();
    Path folder = dir.resolve(m.group(1)).normalize();
    assertThat(folder).as("%s", r).isDirectory();
    assertThat(folder.resolve("summary.json")).isRegularFile();
    return folder;
  }

  private static List<Path> runFoldersUnder(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(Files::isDirectory)
          .filter(p -> RunFolder.RUN_ID.matcher(p.getFileName().toString()).matches())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Files under {@code root} holding the ASCII {@code text}, binary ones (H2) included. */
  private static List<Path> filesContaining(Path root, String text) throws IOException {
    List<Path> hits = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        // ISO-8859-1 maps each byte to one char, so any file decodes and ASCII matches exactly
        if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
          hits.add(file);
        }
      }
    }
    return hits;
  }

  /** The primary's pg_hba.conf; the test is skipped when it is not on this machine. */
  private static Path localHbaFile() {
    String hbaFile = TestServers.query(pair.primary(), "SELECT current_setting('hba_file')");
    Path hba = Path.of(hbaFile);
    Assumptions.assumeTrue(
        Files.isWritable(hba), "pg_hba.conf of the primary is not a local file: " + hbaFile);
    return hba;
  }

  /**
   * Creates {@code role} on the primary with {@link #RIGHT_PASSWORD} and puts a scram-sha-256 line
   * for it first in pg_hba.conf (the embedded servers trust everyone), then waits until the server
   * rejects a wrong password and accepts the right one. The caller restores pg_hba.conf.
   */
  private static void requirePassword(String role, Path hba) throws Exception {
    exec(
        pair.primary(),
        "DROP ROLE IF EXISTS "
            + role
            + ";"
            + "CREATE ROLE "
            + role
            + " LOGIN PASSWORD '"
            + RIGHT_PASSWORD
            + "'");
    String original = Files.readString(hba);
    Files.writeString(hba, "host all " + role + " all scram-sha-256\n" + original);
    exec(pair.primary(), "SELECT pg_reload_conf()");
    Properties wrong = new Properties();
    wrong.setProperty("user", role);
    wrong.setProperty("password", WRONG_PASSWORD);
    String url = pair.primaryUrl().replaceAll("\\?.*$", "");
    for (int attempt = 0; attempt < 50; attempt++) {
      try (Connection ignored = DriverManager.getConnection(url, wrong)) {
        Thread.sleep(100); // the reload has not reached the postmaster yet
      } catch (SQLException e) {
        assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("28P01");
        // so a failing run can only be blamed on the password
        DriverManager.getConnection(url, role, RIGHT_PASSWORD).close();
        return;
      }
    }
    throw new AssertionError(
        "the primary still accepts any password for " + role + " after reloading " + hba);
  }

  private static void exec(DataSource dataSource, String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static String port(String jdbcUrl) {
    Matcher m = Pattern.compile("//[^:/]+:(\\d+)/").matcher(jdbcUrl);
    assertThat(m.find()).as(jdbcUrl).isTrue();
    return m.group(1);
  }

  private static Path projectDir() {
    return PgParityProcess.JAR.getParent().getParent();
  }

  /** The version in pom.xml, the project's own (the parent's comes first inside <parent>). */
  private static String pomVersion() {
    try {
      String pom = Files.readString(projectDir().resolve("pom.xml"));
      Matcher m =
          Pattern.compile("<artifactId>pgparity</artifactId>\\s*<version>([^<]+)</version>")
              .matcher(pom);
      assertThat(m.find()).as("pom.xml declares pgparity's version").isTrue();
      return m.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
