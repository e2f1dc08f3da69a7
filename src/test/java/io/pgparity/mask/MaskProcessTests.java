package io.pgparity.mask;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.MaskKey;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.report.RunFolder;
import io.pgparity.testing.PgParityProcess;
import io.pgparity.testing.PgParityProcess.Result;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Runs the packaged jar on a table with masked columns and drift of every kind, logging at DEBUG,
 * as a role that logs in with a password, and then searches every file the run left behind (the run
 * folder and the job repository) and every line it printed for each masked value, the password and
 * the mask key: none may appear, while fingerprints tell the values apart.
 */
class MaskProcessTests {

  private static final String PASSWORD = "pw-mask-7c1e0b93d2f4";
  private static final String MASK_KEY = "mask-key-3b9f61d0c2e84a57";
  private static final String SHARED_TOKEN = "tok-shared-51f0aa";
  private static final String CHANGED_EMAIL = "changed7@example.com";
  private static final Pattern FOLDER_AT_END =
      Pattern.compile("(\\S*" + RunFolder.RUN_ID.pattern() + ")$");

  private static EmbeddedPair pair;
  private static String schema;
  private static String role;

  /** Every password_hash and token value on either side, divergent rows or not. */
  private static final Set<String> MASKED_VALUES = new LinkedHashSet<>();

  private static final Map<DataSource, String> HBA_ORIGINALS = new HashMap<>();

  @TempDir Path dir;

  @BeforeAll
  static void createTablesAndRole() throws Exception {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("mask_process");
    role = schema + "_checker";
    String t = schema + ".accounts";
    pair.execBoth(
        "CREATE TABLE "
            + t
            + " (id int PRIMARY KEY, email text NOT NULL, password_hash text, token text);"
            + "INSERT INTO "
            + t
            + " SELECT i, 'user' || i || '@example.com', 'phash-' || i || '-9d41c7',"
            + " CASE WHEN i IN (13, 14) THEN '"
            + SHARED_TOKEN
            + "' ELSE 'tok-' || i || '-e83a05' END"
            + " FROM generate_series(1, 30) i;"
            + "UPDATE "
            + t
            + " SET password_hash = NULL WHERE id = 16;"
            + "DROP ROLE IF EXISTS "
            + role
            + ";"
            + "CREATE ROLE "
            + role
            + " LOGIN PASSWORD '"
            + PASSWORD
            + "';"
            + "GRANT pg_read_all_data, pg_monitor TO "
            + role
            + ";");
    TestServers.exec(
        pair.replica(),
        "UPDATE "
            + t
            + " SET token = 'tok-3-replica-c0ffee' WHERE id = 3;"
            + "UPDATE "
            + t
            + " SET password_hash = 'phash-5-replica-beef01' WHERE id = 5;"
            + "UPDATE "
            + t
            + " SET email = '"
            + CHANGED_EMAIL
            + "' WHERE id = 7;"
            + "DELETE FROM "
            + t
            + " WHERE id IN (9, 13, 14);"
            + "UPDATE "
            + t
            + " SET token = NULL WHERE id = 11;"
            + "UPDATE "
            + t
            + " SET password_hash = 'phash-16-replica-aa55' WHERE id = 16;"
            + "INSERT INTO "
            + t
            + " VALUES (100, 'extra@example.com', 'phash-100-extra-77aa', '"
            + SHARED_TOKEN
            + "');");
    for (DataSource side : List.of(pair.primary(), pair.replica())) {
      MASKED_VALUES.addAll(
          column(side, "SELECT password_hash FROM " + t + " WHERE password_hash IS NOT NULL"));
      MASKED_VALUES.addAll(column(side, "SELECT token FROM " + t + " WHERE token IS NOT NULL"));
      requirePassword(side);
    }
  }

  @AfterAll
  static void dropTablesAndRole() throws IOException {
    for (Map.Entry<DataSource, String> hba : HBA_ORIGINALS.entrySet()) {
      Files.writeString(Path.of(setting(hba.getKey(), "hba_file")), hba.getValue());
      TestServers.exec(hba.getKey(), "SELECT pg_reload_conf()");
    }
    TestServers.dropSchema(schema);
    pair.execBoth("DROP ROLE IF EXISTS " + role);
  }

  @Test
  void noMaskedValuePasswordOrKeyLeavesTheProcessWhileFingerprintsTellValuesApart()
      throws IOException {
    writeJob("mask-key-env: ACCOUNTS_MASK_KEY");
    Result r = verify(Map.of("ACCOUNTS_MASK_KEY", MASK_KEY));

    assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
    assertThat(r.lastLine()).as("%s", r).startsWith("DIVERGENT");
    assertThat(r.stderr())
        .as("pgparity's and the driver's DEBUG were on, and the masking was announced: %s", r)
        .contains(
            " DEBUG [main] ReportWriter: wrote report.md",
            " DEBUG [main] Driver: Connecting with URL")
        .contains(
            "Masking "
                + schema
                + ".accounts (password_hash, token); fingerprints keyed by $ACCOUNTS_MASK_KEY");
    assertNothingLeaked(r, MASK_KEY);
    assertTheSearchFindsWhatIsThere();

    MaskKey key = MaskKey.of(MASK_KEY, "test");
    Map<Integer, JsonNode> rows = divergences(runFolder(r));
    assertThat(rows.keySet()).containsExactlyInAnyOrder(3, 5, 7, 9, 11, 13, 14, 16, 100);
    assertThat(side(rows, 3, "primary", "token")).isEqualTo(fingerprint(key, "tok-3-e83a05"));
    assertThat(side(rows, 3, "replica", "token"))
        .isEqualTo(fingerprint(key, "tok-3-replica-c0ffee"));
    assertThat(side(rows, 5, "primary", "password_hash"))
        .isEqualTo(fingerprint(key, "phash-5-9d41c7"));
    assertThat(side(rows, 5, "replica", "password_hash"))
        .isEqualTo(fingerprint(key, "phash-5-replica-beef01"));
    assertThat(rows.get(7).get("columns").values())
        .extracting(JsonNode::stringValue)
        .containsExactly("email");
    assertThat(side(rows, 7, "replica", "email"))
        .as("unmasked columns keep their values")
        .isEqualTo(CHANGED_EMAIL);
    assertThat(side(rows, 9, "primary", "password_hash"))
        .isEqualTo(fingerprint(key, "phash-9-9d41c7"));
    assertThat(side(rows, 100, "replica", "password_hash"))
        .isEqualTo(fingerprint(key, "phash-100-extra-77aa"));
    assertFingerprintsCompare(rows);
    assertThat(Files.readString(runFolder(r).resolve("report.md")))
        .as("report.md shows the fingerprints")
        .contains(fingerprint(key, "tok-3-replica-c0ffee"));
  }

  @Test
  void withoutAKeyEachRunFingerprintsWithItsOwnRandomKey() throws IOException {
    writeJob("");
    Result r = verify(Map.of());

    assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
    assertThat(r.stderr()).as("%s", r).contains("fingerprints keyed by a random key of this run");
    assertNothingLeaked(r, MASK_KEY);
    assertTheSearchFindsWhatIsThere();

    Map<Integer, JsonNode> rows = divergences(runFolder(r));
    assertThat(rows.keySet()).containsExactlyInAnyOrder(3, 5, 7, 9, 11, 13, 14, 16, 100);
    assertFingerprintsCompare(rows);
    assertThat(side(rows, 3, "replica", "token"))
        .matches(Fingerprint.PATTERN)
        .isNotEqualTo(fingerprint(MaskKey.of(MASK_KEY, "test"), "tok-3-replica-c0ffee"));
  }

  @Test
  void aServerErrorThatQuotesAValueIsReportedWithTheValueWithheld() throws IOException {
    // the cast fails on the first token it meets (planning, before the run folder exists), and
    // PostgreSQL quotes that token in its message
    writeJob("    where: \"token::int > 0\"", "");
    Result r = verify(Map.of());

    assertThat(r.exitCode()).as("%s", r).isEqualTo(3);
    assertThat(r.lastLine())
        .as("%s", r)
        .startsWith("FAILED: ")
        .contains("invalid input syntax for type integer: \"(value withheld)\" [22P02]")
        .contains("check casts in the table's where filter");
    assertThat(r.stderr()).as("--debug logged the failure's stack trace: %s", r).contains("\tat ");
    assertNothingLeaked(r, MASK_KEY);
    assertThat(filesContaining(jobRepository(), "(value withheld)"))
        .as("the job repository keeps the failure's message, and it was searched too")
        .isNotEmpty();
  }

  // --- helpers

  /** What every keying shows: fingerprints everywhere, equal for equal values, NULL kept. */
  private static void assertFingerprintsCompare(Map<Integer, JsonNode> rows) {
    for (JsonNode row : rows.values()) {
      for (String side : List.of("primary", "replica")) {
        if (!row.get(side).isNull()) {
          for (String column : List.of("password_hash", "token")) {
            JsonNode value = row.get(side).get(column);
            assertThat(value.isNull() || Fingerprint.PATTERN.matcher(value.stringValue()).matches())
                .as("%s %s of %s is a fingerprint or null", side, column, row)
                .isTrue();
          }
        }
      }
    }
    assertThat(side(rows, 3, "primary", "token")).isNotEqualTo(side(rows, 3, "replica", "token"));
    assertThat(side(rows, 3, "primary", "password_hash"))
        .isEqualTo(side(rows, 3, "replica", "password_hash"));
    assertThat(side(rows, 7, "primary", "token")).isEqualTo(side(rows, 7, "replica", "token"));
    assertThat(side(rows, 7, "primary", "password_hash"))
        .isEqualTo(side(rows, 7, "replica", "password_hash"));
    assertThat(rows.get(11).get("replica").get("token").isNull()).as("NULL stays null").isTrue();
    assertThat(side(rows, 11, "primary", "token")).matches(Fingerprint.PATTERN);
    assertThat(rows.get(16).get("primary").get("password_hash").isNull()).isTrue();
    assertThat(side(rows, 16, "replica", "password_hash")).matches(Fingerprint.PATTERN);
    assertThat(side(rows, 13, "primary", "token"))
        .as("one value in three rows, on both sides: one fingerprint")
        .isEqualTo(side(rows, 14, "primary", "token"))
        .isEqualTo(side(rows, 100, "replica", "token"))
        .isNotEqualTo(side(rows, 9, "primary", "token"));
  }

  /**
   * Searches every file under the working folder (run folder, job repository, job file) and every
   * line on stdout and stderr for the masked values, the password and {@code key}.
   */
  private void assertNothingLeaked(Result r, String key) throws IOException {
    // 29 + 3 password hashes, 29 + 1 tokens (the shared one once)
    assertThat(MASKED_VALUES).hasSize(62);
    List<String> secrets = new ArrayList<>(MASKED_VALUES);
    secrets.add(PASSWORD);
    secrets.add(key);
    String printed = r.stdout() + r.stderr();
    Map<String, List<Path>> leaks = new HashMap<>();
    for (String secret : secrets) {
      List<Path> files = filesContaining(dir, secret);
      if (!files.isEmpty() || printed.contains(secret)) {
        leaks.put(secret, files);
      }
    }
    assertThat(leaks).as("secrets found (value -> files; printed output: %s)", r).isEmpty();
  }

  /**
   * The search itself works: an unmasked value is found in the run folder, step names in the job
   * repository's pages.
   */
  private void assertTheSearchFindsWhatIsThere() throws IOException {
    assertThat(filesContaining(dir, CHANGED_EMAIL))
        .extracting(p -> p.getFileName().toString())
        .contains("divergences.jsonl", "report.md");
    assertThat(filesContaining(jobRepository(), "diffRange")).isNotEmpty();
  }

  private Path jobRepository() {
    return dir.resolve("out").resolve("masked").resolve(".jobrepository");
  }

  private Result verify(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("MASK_PASSWORD", PASSWORD);
    all.put("REPLICA_URL", url(pair.replicaUrl()) + "&password=" + PASSWORD);
    all.put("PGPARITY_LOG_LEVEL", "DEBUG");
    // beyond what --debug turns on: the driver, the pool, Spring and Spring Batch at DEBUG too (not
    // the driver's TRACE: a trace of the wire protocol shows what the server sends, by design)
    all.put("LOGGING_LEVEL_ROOT", "DEBUG");
    all.put("LOGGING_LEVEL_ORG_POSTGRESQL", "DEBUG");
    all.put("LOGGING_LEVEL_COM_ZAXXER_HIKARI", "DEBUG");
    all.put("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK", "DEBUG");
    all.put("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_BATCH", "DEBUG");
    return PgParityProcess.in(dir)
        .withEnv(all)
        .withTimeout(Duration.ofMinutes(3))
        .run("verify", "--job", "job.yaml", "--debug");
  }

  /** The job: the primary's password from the environment, the replica's inside its url. */
  private void writeJob(String extraLine) throws IOException {
    writeJob("", extraLine);
  }

  /** The job with one more line in the table's entry and one at the end. */
  private void writeJob(String tableLine, String extraLine) throws IOException {
    Files.writeString(
        dir.resolve("job.yaml"),
        String.join(
            "\n",
            "name: masked",
            "primary:",
            "  url: '" + url(pair.primaryUrl()) + "'",
            "  password: '${MASK_PASSWORD}'",
            "replica:",
            "  url: '${REPLICA_URL}'",
            "tables:",
            "  - table: " + schema + ".accounts",
            "    mask: [password_hash, token]",
            tableLine,
            "rechecks: 1",
            "recheck-delay: 100ms",
            "out: out",
            extraLine,
            ""));
  }

  private static String url(String url) {
    return url.replace("user=postgres", "user=" + role);
  }

  private Path runFolder(Result r) {
    Matcher m = FOLDER_AT_END.matcher(r.lastLine());
    assertThat(m.find()).as("the verdict names a run folder: %s", r).isTrue();
    return dir.resolve(m.group(1)).normalize();
  }

  /** divergences.jsonl by the id key. */
  private static Map<Integer, JsonNode> divergences(Path folder) {
    return RunFiles.divergences(folder).stream()
        .collect(
            Collectors.toMap(d -> Integer.parseInt(d.get("key").get("id").stringValue()), d -> d));
  }

  private static String side(Map<Integer, JsonNode> rows, int id, String side, String column) {
    return rows.get(id).get(side).get(column).stringValue();
  }

  private static String fingerprint(MaskKey key, String value) {
    return Fingerprint.of(key, value).text();
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

  /**
   * Makes the server ask {@link #role} for its password (scram-sha-256), so the password really
   * travels, when its pg_hba.conf is a local file; the embedded servers otherwise trust everyone,
   * and the password is still handed to the driver. Waits until a wrong password is refused.
   */
  private static void requirePassword(DataSource side) throws Exception {
    Path hba = Path.of(setting(side, "hba_file"));
    if (!Files.isWritable(hba)) {
      return;
    }
    String original = Files.readString(hba);
    HBA_ORIGINALS.put(side, original);
    Files.writeString(hba, "host all " + role + " all scram-sha-256\n" + original);
    TestServers.exec(side, "SELECT pg_reload_conf()");
    String url = "jdbc:postgresql://localhost:" + setting(side, "port") + "/postgres";
    Properties wrong = new Properties();
    wrong.setProperty("user", role);
    wrong.setProperty("password", "not-" + PASSWORD);
    for (int attempt = 0; attempt < 300; attempt++) {
      try (Connection ignored = DriverManager.getConnection(url, wrong)) {
        Thread.sleep(100); // the reload has not reached the postmaster yet
      } catch (SQLException e) {
        assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("28P01");
        DriverManager.getConnection(url, role, PASSWORD).close();
        return;
      }
    }
    throw new AssertionError(
        "the server still accepts any password for " + role + " after reloading " + hba);
  }

  private static String setting(DataSource side, String name) {
    return column(side, "SELECT current_setting('" + name + "')").get(0);
  }

  private static List<String> column(DataSource side, String sql) {
    try (Connection c = side.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
