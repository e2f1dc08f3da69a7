package io.pgparity.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.table.TableRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobFileLoaderTests {

  private static final Path JOBS = Path.of("src/test/resources/jobs");
  private static final String JOB_KEYS =
      "name, primary, replica, tables, exclude, materialized-views, threads, max-threads, chunk-rows, max-divergences, statement-timeout,"
          + " lock-timeout, lag-aware, max-wait, max-lag, rechecks, recheck-delay, rows-per-second,"
          + " retries, query-time, max-runtime, mask-key-env, out, job-repository, expect, metrics-file,"
          + " pushgateway";
  private static final String TABLE_KEYS =
      "table, key, columns, ignore-columns, where, settle-column, settle-window, mask";
  private static final String HEAD =
      """
      name: auth
      primary: { url: 'jdbc:postgresql://db1:5432/app?user=checker' }
      replica: { url: 'jdbc:postgresql://db2:5432/app?user=checker' }
      """;

  private final JobFileLoader loader = new JobFileLoader();

  @TempDir Path dir;

  @Test
  void readsEveryKeyAndBothTableForms() {
    JobDefinition job =
        loader.load(JOBS.resolve("valid.yaml"), Map.of("PRIMARY_PASSWORD", "s3cret"));

    assertThat(job.name()).isEqualTo("billing-eu.v2");
    assertThat(job.primary())
        .isEqualTo(new ConnectionSpec("jdbc:postgresql://db1:5432/app?user=checker", "s3cret"));
    assertThat(job.replica())
        .isEqualTo(new ConnectionSpec("jdbc:postgresql://db2:5433/app?user=checker", null));
    assertThat(job.tables())
        .containsExactly(
            new TableSpec(
                new TableRef("public", "users"),
                List.of("id"),
                List.of("id", "email", "created_at"),
                List.of(),
                "created_at < now() - interval '1 hour'"),
            new TableSpec(
                new TableRef("public", "sessions"),
                List.of("session_id"),
                List.of(),
                List.of("last_seen"),
                null,
                new Settle("last_seen", Duration.ofMinutes(5))),
            TableSpec.of(new TableRef("public", "audit_log")),
            TableSpec.of(new TableRef("Sales", "Orders.2024")));
    assertThat(job.tuning())
        .isEqualTo(
            new Tuning(
                8,
                50_000,
                500,
                Duration.ofSeconds(90),
                Duration.ofMillis(250),
                new LiveTuning(
                    false,
                    Duration.ofSeconds(45),
                    64L << 20,
                    5,
                    Duration.ofMillis(1500),
                    2500.5,
                    7,
                    Duration.ofMillis(500))));
    assertThat(job.out()).isEqualTo(Path.of("build/reports"));
    assertThat(job.jobRepositoryUrl()).isEqualTo("jdbc:postgresql://batchdb:5432/batch?user=batch");
  }

  @Test
  void absentOptionalKeysTakeTheDefaults() {
    JobDefinition job = loader.load(JOBS.resolve("minimal.yaml"), Map.of());

    assertThat(job.tuning()).isEqualTo(Tuning.defaults());
    assertThat(job.tuning().live())
        .isEqualTo(new LiveTuning(true, Duration.ofMinutes(2), 0, 3, Duration.ofSeconds(1), 0, 3));
    assertThat(job.tables()).allSatisfy(t -> assertThat(t.settle()).isNull());
    assertThat(job.out()).isEqualTo(Path.of("reports"));
    assertThat(job.jobRepositoryUrl()).isNull();
    assertThat(job.primary().password()).isNull();
    assertThat(job.tables()).containsExactly(TableSpec.of(new TableRef("public", "users")));
  }

  static Stream<Arguments> brokenFiles() {
    return Stream.of(
        Arguments.of(
            "unknown-key.yaml",
            "7: unknown key 'thread' in the job (did you mean 'threads'?); valid keys: "
                + JOB_KEYS),
        Arguments.of(
            "wrong-type.yaml",
            "7: threads must be auto or an integer between 1 and 64 but was 'two'"),
        Arguments.of(
            "tables-map.yaml",
            "5: tables must be a list whose entries are schema.table, a pattern such as app.* or a"
                + " map with table: but was a map"),
        Arguments.of(
            "missing-replica.yaml",
            "2: missing required key 'replica' in the job; add e.g. replica: { url:"
                + " 'jdbc:postgresql://host:5432/app?user=checker' }"),
        Arguments.of(
            "duplicate-key.yaml",
            "6: duplicate key 'threads' in the job (first given on line 4); keep one of them"),
        Arguments.of(
            "empty.yaml",
            "1: the job file is empty; it needs at least name, primary, replica and tables (see"
                + " jobs/README.md)"),
        Arguments.of(
            "not-a-mapping.yaml",
            "1: the job must be a map of keys (" + JOB_KEYS + ") but was a list"),
        Arguments.of(
            "unqualified-table.yaml",
            "6: table 'sessions' must be schema-qualified, e.g. public.users (quote names that"
                + " contain dots)"),
        Arguments.of(
            "columns-and-ignore.yaml",
            "7: public.users: give either columns or ignore-columns, not both; remove one of the"
                + " keys"),
        Arguments.of(
            "unknown-table-key.yaml",
            "6: unknown key 'keys' in a tables entry (did you mean 'key'?); valid keys: "
                + TABLE_KEYS),
        Arguments.of(
            "unset-variable.yaml",
            "4: environment variable PRIMARY_PASSWORD is not set; set PRIMARY_PASSWORD or remove"
                + " the password key (or write ${PRIMARY_PASSWORD:-default})"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void namesFileAndLineOfEachMistake(String file, String expected) {
    Path path = JOBS.resolve(file);

    assertThatThrownBy(() -> loader.load(path, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(path + ":" + expected);
  }

  @Test
  void reportsYamlSyntaxErrorsWithTheirLine() {
    Path path = JOBS.resolve("invalid-yaml.yaml");

    assertThatThrownBy(() -> loader.load(path, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(path + ":3: invalid YAML: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aMissingFileIsAConfigurationError() {
    Path path = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> loader.load(path, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(path + ": no such job file; check the path given to --job");
  }

  @Test
  void expandsVariablesAndDefaultsInEveryStringValue() throws IOException {
    String yaml =
        """
        name: ${JOB:-nightly}
        primary:
          url: '${PRIMARY_URL}'
          password: '${PRIMARY_PASSWORD:-}'
        replica:
          url: 'jdbc:postgresql://${REPLICA_HOST:-db2}:5432/app?user=checker'
          password: '${REPLICA_PASSWORD:-fallback}'
        tables:
          - table: ${SCHEMA}.users
            key: ['${KEY:-id}']
        threads: ${THREADS:-3}
        out: ${OUT_DIR}/checks
        """;
    Map<String, String> env =
        Map.of(
            "PRIMARY_URL", "jdbc:postgresql://db1:5432/app?user=checker",
            "REPLICA_PASSWORD", "",
            "SCHEMA", "billing",
            "THREADS", "5",
            "OUT_DIR", "/var/pgparity");

    JobDefinition job = loader.load(write(yaml), env);

    assertThat(job.name()).isEqualTo("nightly");
    assertThat(job.primary().url()).isEqualTo("jdbc:postgresql://db1:5432/app?user=checker");
    assertThat(job.primary().password()).as("${VAR:-} means no password").isNull();
    assertThat(job.replica().url()).isEqualTo("jdbc:postgresql://db2:5432/app?user=checker");
    assertThat(job.replica().password())
        .as("an empty variable takes the default")
        .isEqualTo("fallback");
    assertThat(job.tables().get(0).table()).isEqualTo(new TableRef("billing", "users"));
    assertThat(job.tables().get(0).key()).containsExactly("id");
    assertThat(job.tuning().threads()).isEqualTo(5);
    assertThat(job.out()).isEqualTo(Path.of("/var/pgparity/checks"));
  }

  @Test
  void rejectsMalformedVariableReferences() throws IOException {
    assertThat(error(HEAD + "tables: [public.users]\nout: ${OUT\n"))
        .isEqualTo(
            "auth.yaml:5: unclosed '${' in the value of out; write ${NAME} or ${NAME:-default}");
    assertThat(error(HEAD + "tables: [public.users]\nout: ${1OUT}\n"))
        .isEqualTo(
            "auth.yaml:5: '${1OUT}' in the value of out is not a valid variable reference; write"
                + " ${NAME} or ${NAME:-default}");
  }

  @Test
  void threadsAutoIsCappedByMaxThreads() throws IOException {
    String tables = "tables: [public.users]\n";
    Tuning auto = loader.load(write(HEAD + tables + "threads: auto\n"), Map.of()).tuning();
    assertThat(auto.autoThreads()).isTrue();
    assertThat(auto.maxThreads()).isEqualTo(Tuning.DEFAULT_MAX_THREADS);
    assertThat(auto.threads()).isEqualTo(1);

    Tuning capped =
        loader
            .load(write(HEAD + tables + "threads: ${T:-auto}\nmax-threads: 3\n"), Map.of())
            .tuning();
    assertThat(capped.autoThreads()).isTrue();
    assertThat(capped.maxThreads()).isEqualTo(3);

    Tuning fixed = loader.load(write(HEAD + tables + "threads: 6\n"), Map.of()).tuning();
    assertThat(fixed.autoThreads()).isFalse();
    assertThat(fixed.threads()).isEqualTo(6);
  }

  @Test
  void maxThreadsNeedsThreadsAutoAndARange() throws IOException {
    String tables = "tables: [public.users]\n";
    assertThat(error(HEAD + tables + "threads: 4\nmax-threads: 8\n"))
        .isEqualTo(
            "auth.yaml:6: max-threads 8 caps only threads: auto, but threads is 4; remove"
                + " max-threads or write threads: auto");
    assertThat(error(HEAD + tables + "max-threads: 8\n"))
        .isEqualTo(
            "auth.yaml:5: max-threads 8 caps only threads: auto, but threads is 1 (the default);"
                + " remove max-threads or write threads: auto");
    assertThat(error(HEAD + tables + "threads: auto\nmax-threads: 65\n"))
        .isEqualTo("auth.yaml:6: max-threads must be an integer between 1 and 64 but was '65'");
    assertThat(error(HEAD + tables + "threads: auto\nmax-threads: auto\n"))
        .isEqualTo("auth.yaml:6: max-threads must be an integer between 1 and 64 but was 'auto'");
    assertThat(error(HEAD + tables + "threads: AUTO\n"))
        .isEqualTo(
            "auth.yaml:5: threads must be auto or an integer between 1 and 64 but was 'AUTO'");
    assertThat(error(HEAD + tables + "threads: 0\n"))
        .isEqualTo("auth.yaml:5: threads must be auto or an integer between 1 and 64 but was '0'");
  }

  @Test
  void checksValuesAndRanges() throws IOException {
    String tables = "tables: [public.users]\n";
    assertThat(error(HEAD + tables + "threads: 65\n"))
        .isEqualTo("auth.yaml:5: threads must be auto or an integer between 1 and 64 but was '65'");
    assertThat(error(HEAD + tables + "chunk-rows: 9\n"))
        .isEqualTo(
            "auth.yaml:5: chunk-rows must be an integer between 10 and 10000000 but was '9'");
    assertThat(error(HEAD + tables + "max-divergences: 0\n"))
        .isEqualTo("auth.yaml:5: max-divergences must be an integer of at least 1 but was '0'");
    assertThat(error(HEAD + tables + "threads: 2.5\n"))
        .isEqualTo(
            "auth.yaml:5: threads must be auto or an integer between 1 and 64 but was '2.5'");
    assertThat(error(HEAD + tables + "threads: [2]\n"))
        .isEqualTo(
            "auth.yaml:5: threads must be auto or an integer between 1 and 64 but was a list");
    assertThat(error(HEAD + tables + "statement-timeout: 10 minutes\n"))
        .isEqualTo(
            "auth.yaml:5: statement-timeout must be a duration like 500ms, 30s, 10m, 1h or a whole"
                + " number of seconds but was '10 minutes'");
    assertThat(error(HEAD + tables + "lock-timeout: 9999h\n"))
        .isEqualTo(
            "auth.yaml:5: lock-timeout must be at most 596h (PostgreSQL's limit) but was '9999h';"
                + " use 0 for no limit");
    assertThat(error(HEAD + tables + "job-repository: batch.db\n"))
        .startsWith("auth.yaml:5: job-repository must be a JDBC url");
    assertThat(error(HEAD.replace("name: auth", "name: my job") + tables))
        .startsWith("auth.yaml:1: name must be 1-64 letters, digits, '.', '_' or '-'")
        .contains("but was 'my job'");
    assertThat(error(HEAD.replace("name: auth", "name: [auth]") + tables))
        .isEqualTo("auth.yaml:1: name must be a job name but was a list");
  }

  @ParameterizedTest(name = "max-lag: {0}")
  @MethodSource("walSizes")
  void readsWalSizesAsPostgresqlWritesThem(String text, long bytes) throws IOException {
    String yaml = HEAD + "tables: [public.users]\nmax-lag: " + text + "\n";

    JobDefinition job = loader.load(write(yaml), Map.of());

    assertThat(job.tuning().live().maxLagBytes()).isEqualTo(bytes);
  }

  static Stream<Arguments> walSizes() {
    return Stream.of(
        Arguments.of("0", 0L),
        Arguments.of("123", 123L),
        Arguments.of("1_048_576", 1_048_576L),
        Arguments.of("512kB", 512L * 1024),
        Arguments.of("64MB", 64L * 1024 * 1024),
        Arguments.of("64mb", 64L * 1024 * 1024),
        Arguments.of("'64 MB'", 64L * 1024 * 1024),
        Arguments.of("1GB", 1L << 30),
        Arguments.of("2Tb", 2L << 40),
        Arguments.of("8192B", 8192L));
  }

  @Test
  void readsBooleansRatesAndDurationsOfTheLiveKeys() throws IOException {
    String head = HEAD + "tables: [public.users]\n";

    assertThat(live(head + "lag-aware: no\n").lagAware()).isFalse();
    assertThat(live(head + "lag-aware: 'TRUE'\n").lagAware()).isTrue();
    assertThat(live(head + "rows-per-second: 0.5\n").rowsPerSecond()).isEqualTo(0.5);
    LiveTuning live = live(head + "max-wait: 0\nrecheck-delay: 2m\nrechecks: 0\nretries: 20\n");
    assertThat(live.maxWait()).isZero();
    assertThat(live.maxRuntime()).as("no limit by default").isZero();
    assertThat(live(head + "max-runtime: 30m\n").maxRuntime())
        .isEqualTo(java.time.Duration.ofMinutes(30));
    assertThat(live.recheckDelay()).isEqualTo(Duration.ofMinutes(2));
    assertThat(live.rechecks()).isZero();
    assertThat(live.retries()).isEqualTo(20);
  }

  @Test
  void checksTheLiveKeys() throws IOException {
    String head = HEAD + "tables: [public.users]\n";
    assertThat(error(head + "lag-aware: maybe\n"))
        .isEqualTo("auth.yaml:5: lag-aware must be true or false but was 'maybe'");
    assertThat(error(head + "max-wait: 2 minutes\n"))
        .isEqualTo(
            "auth.yaml:5: max-wait must be a duration like 500ms, 30s, 10m, 1h or a whole number"
                + " of seconds but was '2 minutes'");
    assertThat(error(head + "max-wait: 9999h\n"))
        .isEqualTo("auth.yaml:5: max-wait must be at most 596h but was '9999h'");
    assertThat(error(head + "recheck-delay: -1s\n"))
        .startsWith("auth.yaml:5: recheck-delay must be a duration like 500ms")
        .endsWith("but was '-1s'");
    assertThat(error(head + "max-lag: 64 megs\n"))
        .isEqualTo(
            "auth.yaml:5: max-lag must be a size like 512kB, 64MB, 1GB or a whole number of bytes"
                + " (0 = off) but was '64 megs'");
    assertThat(error(head + "max-lag: 1.5GB\n")).endsWith("but was '1.5GB'");
    assertThat(error(head + "max-lag: 99999999TB\n"))
        .as("a size beyond a long is out of range, not wrapped")
        .endsWith("but was '99999999TB'");
    assertThat(error(head + "rechecks: 101\n"))
        .isEqualTo("auth.yaml:5: rechecks must be an integer between 0 and 100 but was '101'");
    assertThat(error(head + "rechecks: -1\n"))
        .isEqualTo("auth.yaml:5: rechecks must be an integer between 0 and 100 but was '-1'");
    assertThat(error(head + "query-time: 0s\n"))
        .isEqualTo("auth.yaml:5: query-time must be a positive duration, e.g. 2s, but was '0s'");
    assertThat(error(head + "max-runtime: soon\n"))
        .startsWith("auth.yaml:5: max-runtime must be ")
        .endsWith("but was 'soon'");
    assertThat(error(head + "retries: 21\n"))
        .isEqualTo("auth.yaml:5: retries must be an integer between 0 and 20 but was '21'");
    assertThat(error(head + "rows-per-second: -5\n"))
        .isEqualTo(
            "auth.yaml:5: rows-per-second must be a number of at least 0 such as 5000 or 2.5"
                + " (0 = unlimited) but was '-5'");
    assertThat(error(head + "rows-per-second: fast\n")).endsWith("but was 'fast'");
    assertThat(error(head + "max-lags: 1GB\n"))
        .isEqualTo(
            "auth.yaml:5: unknown key 'max-lags' in the job (did you mean 'max-lag'?); valid keys: "
                + JOB_KEYS);
    assertThat(error(head + "recheck: 2\n"))
        .startsWith("auth.yaml:5: unknown key 'recheck' in the job (did you mean 'rechecks'?)");
  }

  @Test
  void readsASettleWindow() throws IOException {
    String yaml =
        HEAD
            + "tables:\n"
            + "  - table: public.sessions\n"
            + "    settle-column: updated_at\n"
            + "    settle-window: 90s\n"
            + "  - public.users\n";

    JobDefinition job = loader.load(write(yaml), Map.of());

    assertThat(job.tables().get(0).settle())
        .isEqualTo(new Settle("updated_at", Duration.ofSeconds(90)));
    assertThat(job.tables().get(1).settle()).isNull();
  }

  @Test
  void aSettleWindowNeedsBothKeys() throws IOException {
    String entry = HEAD + "tables:\n  - table: public.sessions\n";
    assertThat(error(entry + "    settle-column: updated_at\n"))
        .isEqualTo(
            "auth.yaml:6: public.sessions has settle-column but no settle-window; add e.g."
                + " settle-window: 5m, or remove settle-column");
    assertThat(error(entry + "    key: [id]\n    settle-window: 5m\n"))
        .isEqualTo(
            "auth.yaml:7: public.sessions has settle-window but no settle-column; add e.g."
                + " settle-column: updated_at, or remove settle-window");
    assertThat(error(entry + "    settle-column: updated_at\n    settle-window: 0s\n"))
        .isEqualTo(
            "auth.yaml:7: settle-window must be a positive duration, e.g. settle-window: 5m, but"
                + " was '0s'");
    assertThat(error(entry + "    settle-column: updated_at\n    settle-window: 5 min\n"))
        .startsWith("auth.yaml:7: settle-window must be a duration like 500ms");
    assertThat(error(entry + "    settle-column: [updated_at]\n    settle-window: 5m\n"))
        .isEqualTo(
            "auth.yaml:6: settle-column must be a column name, e.g. settle-column: updated_at but"
                + " was a list");
    assertThat(error(entry + "    settle-colum: updated_at\n"))
        .isEqualTo(
            "auth.yaml:6: unknown key 'settle-colum' in a tables entry (did you mean"
                + " 'settle-column'?); valid keys: "
                + TABLE_KEYS);
  }

  @Test
  void checksConnections() throws IOException {
    String tables = "tables: [public.users]\n";
    assertThat(
            error(
                "name: auth\nprimary: { url: 'postgres://db1/app?password=hunter2' }\n"
                    + "replica: { url: 'jdbc:postgresql://db2/app' }\n"
                    + tables))
        .isEqualTo(
            "auth.yaml:2: primary url must start with jdbc:postgresql: but was"
                + " 'postgres://db1/app?password=***'; e.g. url:"
                + " 'jdbc:postgresql://host:5432/app?user=checker'");
    assertThat(
            error(
                "name: auth\nprimary: { url: 'jdbc:postgresql://db1/app' }\n"
                    + "replica:\n  url: 'jdbc:postgresql://db2/app?password=x'\n  password: y\n"
                    + tables))
        .isEqualTo(
            "auth.yaml:5: replica gives a password both in its url and as password; remove"
                + " password= from the url");
    assertThat(
            error(
                "name: auth\nprimary: { url: 'jdbc:postgresql://db1/app', pasword: x }\n"
                    + "replica: { url: 'jdbc:postgresql://db2/app' }\n"
                    + tables))
        .isEqualTo(
            "auth.yaml:2: unknown key 'pasword' in primary (did you mean 'password'?); valid keys:"
                + " url, password");
    assertThat(error("name: auth\nprimary: jdbc:postgresql://db1/app\n" + tables))
        .isEqualTo(
            "auth.yaml:2: primary must be a map of keys (url, password) but was"
                + " 'jdbc:postgresql://db1/app'");
    assertThat(
            error(
                "name: auth\nprimary: { password: x }\n"
                    + "replica: { url: 'jdbc:postgresql://db2/app' }\n"
                    + tables))
        .isEqualTo(
            "auth.yaml:2: missing required key 'url' in primary; add e.g. url:"
                + " 'jdbc:postgresql://host:5432/app?user=checker'");
  }

  @Test
  void checksTables() throws IOException {
    assertThat(error(HEAD + "tables: []\n"))
        .isEqualTo("auth.yaml:4: tables must list at least one table, e.g. tables: [public.users]");
    assertThat(error(HEAD + "tables:\n"))
        .isEqualTo(
            "auth.yaml:4: required key 'tables' in the job has no value; write e.g. tables:"
                + " [public.users]");
    assertThat(error(HEAD + "tables:\n  - public.users\n  - table: PUBLIC.Users\n"))
        .isEqualTo(
            "auth.yaml:6: table public.users is listed twice (first on line 5); keep one entry");
    assertThat(error(HEAD + "tables:\n  - table: public.users\n    key: [id, {a: b}]\n"))
        .isEqualTo("auth.yaml:6: key must be a list of column names, e.g. key: [id] but was a map");
    assertThat(error(HEAD + "tables:\n  - table: public.users\n    key: [id, id]\n"))
        .isEqualTo("auth.yaml:6: key lists column 'id' twice; remove one");
    assertThat(error(HEAD + "tables:\n  - key: [id]\n"))
        .isEqualTo(
            "auth.yaml:5: missing required key 'table' in a tables entry; add e.g. table:"
                + " public.users");
    assertThat(error(HEAD + "tables:\n  - [public.users]\n"))
        .startsWith(
            "auth.yaml:5: each tables entry must be schema.table, a pattern such as app.*, or a"
                + " map");
  }

  @Test
  void everyMessageIsOneLine() throws IOException {
    assertThat(error(HEAD + "tables: [public.users]\nwhere: |\n  a\n  b\n")).doesNotContain("\n");
    assertThat(error(HEAD + "tables: [public.users]\nout: \"a\\nb\"\nthreads: \"x\\ny\"\n"))
        .isEqualTo(
            "auth.yaml:6: threads must be auto or an integer between 1 and 64 but was 'x y'");
  }

  @Test
  void loadsTheShippedExampleJob() {
    JobDefinition job = loader.load(Path.of("jobs/auth.yaml"), Map.of());

    assertThat(job.name()).isEqualTo("auth");
    assertThat(job.primary())
        .isEqualTo(new ConnectionSpec("jdbc:postgresql://localhost:5432/app?user=checker", null));
    assertThat(job.replica().url()).startsWith("jdbc:postgresql://localhost:");
    assertThat(job.replica().password()).isNull();
    assertThat(job.tables())
        .extracting(TableSpec::table)
        .containsExactly(new TableRef("public", "users"), new TableRef("public", "sessions"));
    assertThat(job.tables()).allSatisfy(t -> assertThat(t.key()).isEmpty());
    assertThat(job.tuning()).isEqualTo(Tuning.defaults());
    assertThat(job.out()).isEqualTo(Path.of("reports"));
  }

  @Test
  void theShippedExamplesCommentedLiveKeysAreValid() throws IOException {
    String example = Files.readString(Path.of("jobs/auth.yaml"));
    String keys = "settle-column|settle-window|max-lag|rows-per-second|mask";
    String uncommented = example.replaceAll("(?m)^(\\s*)# ((" + keys + "):)", "$1$2");
    assertThat(uncommented).isNotEqualTo(example);

    JobDefinition job = loader.load(write(uncommented), Map.of());

    assertThat(job.tables().get(1).settle())
        .isEqualTo(new Settle("created_at", Duration.ofMinutes(5)));
    assertThat(job.tuning().live().maxLagBytes()).isEqualTo(64L << 20);
    assertThat(job.tuning().live().rowsPerSecond()).isEqualTo(5000);
    assertThat(job.tables().get(0).mask()).containsExactly("password_hash");
  }

  @Test
  void theShippedExampleTakesUrlsAndPasswordsFromTheEnvironment() {
    Map<String, String> env =
        Map.of(
            "PGPARITY_PRIMARY_URL", "jdbc:postgresql://prod-1:5432/auth?user=checker",
            "PGPARITY_REPLICA_URL", "jdbc:postgresql://prod-2:5432/auth?user=checker",
            "PRIMARY_PASSWORD", "p1",
            "REPLICA_PASSWORD", "p2");

    JobDefinition job = loader.load(Path.of("jobs/auth.yaml"), env);

    assertThat(job.primary())
        .isEqualTo(new ConnectionSpec("jdbc:postgresql://prod-1:5432/auth?user=checker", "p1"));
    assertThat(job.replica())
        .isEqualTo(new ConnectionSpec("jdbc:postgresql://prod-2:5432/auth?user=checker", "p2"));
  }

  @Test
  void readsMaskedColumnsAndTheKeyVariable() throws IOException {
    String yaml =
        HEAD
            + "tables:\n"
            + "  - table: public.users\n"
            + "    mask: [password_hash, token]\n"
            + "  - table: public.sessions\n"
            + "    mask: token\n"
            + "  - public.events\n"
            + "mask-key-env: AUTH_MASK_KEY\n";

    JobDefinition job = loader.load(write(yaml), Map.of("AUTH_MASK_KEY", "0123456789abcdef"));

    assertThat(job.tables().get(0).mask()).containsExactly("password_hash", "token");
    assertThat(job.tables().get(1).mask()).as("a single name").containsExactly("token");
    assertThat(job.tables().get(2).mask()).isEmpty();
    assertThat(job.maskKeyEnv()).isEqualTo("AUTH_MASK_KEY");
    assertThat(job.masks()).isTrue();
  }

  @Test
  void withoutMaskKeyEnvTheDefaultVariableOrARandomKeyIsUsed() throws IOException {
    String yaml = HEAD + "tables:\n  - table: public.users\n    mask: [token]\n";

    assertThat(loader.load(write(yaml), Map.of()).maskKeyEnv()).isNull();
    assertThat(
            loader.load(write(yaml), Map.of("PGPARITY_MASK_KEY", "0123456789abcdef")).maskKeyEnv())
        .isNull();
    assertThat(
            loader
                .load(
                    write(HEAD + "tables: [public.users]\n"), Map.of("PGPARITY_MASK_KEY", "short"))
                .masks())
        .as("a short default key matters only to a job that masks")
        .isFalse();
  }

  @Test
  void aKeyColumnCannotBeMasked() throws IOException {
    assertThat(
            error(
                HEAD + "tables:\n  - table: public.users\n    key: [id]\n    mask: [token, id]\n"))
        .isEqualTo(
            "auth.yaml:7: public.users: mask names key column id; keys identify rows in every report and cannot"
                + " be masked: remove id from mask, or name other key columns in key");
  }

  @Test
  void checksMaskedColumnsAndTheKeyVariable() throws IOException {
    String entry = HEAD + "tables:\n  - table: public.users\n";
    assertThat(error(entry + "    mask: [token, token]\n"))
        .isEqualTo("auth.yaml:6: mask lists column 'token' twice; remove one");
    assertThat(error(entry + "    mask: [token, '']\n"))
        .isEqualTo(
            "auth.yaml:6: mask must be a list of column names, e.g. mask: [id] but one is empty");
    assertThat(error(entry + "    mask: {token: yes}\n"))
        .isEqualTo(
            "auth.yaml:6: mask must be a list of column names, e.g. mask: [id] but was a map");
    assertThat(error(entry + "    masks: [token]\n"))
        .startsWith("auth.yaml:6: unknown key 'masks' in a tables entry (did you mean 'mask'?)");
    String masked = entry + "    mask: [token]\n";
    assertThat(error(masked + "mask-key-env: 0f3c-not-a-name-9a1d\n"))
        .isEqualTo(
            "auth.yaml:7: mask-key-env must be the name of an environment variable, e.g. mask-key-env:"
                + " PGPARITY_MASK_KEY (letters, digits and _), not the key itself");
    assertThat(error(masked + "mask-key-env: AUTH_MASK_KEY\n"))
        .isEqualTo(
            "auth.yaml:7: mask-key-env names AUTH_MASK_KEY, which is not set; e.g. export"
                + " AUTH_MASK_KEY=\"$(openssl rand -hex 32)\", or remove mask-key-env to use a random key per run");
    assertThat(error(masked + "mask-key-env: AUTH_MASK_KEY\n", Map.of("AUTH_MASK_KEY", "hunter2")))
        .isEqualTo(
            "auth.yaml:7: the mask key in AUTH_MASK_KEY has 7 characters but needs at least 16; e.g. export"
                + " AUTH_MASK_KEY=\"$(openssl rand -hex 32)\"");
    assertThat(error(masked, Map.of("PGPARITY_MASK_KEY", "hunter2")))
        .isEqualTo(
            "auth.yaml:1: the mask key in PGPARITY_MASK_KEY has 7 characters but needs at least 16; e.g."
                + " export PGPARITY_MASK_KEY=\"$(openssl rand -hex 32)\", or unset it to use a random key"
                + " per run");
    assertThat(error(HEAD + "tables: [public.users]\nmask-key-env: UNSET_KEY\n"))
        .as("a named variable must be set even before a table masks")
        .startsWith("auth.yaml:5: mask-key-env names UNSET_KEY, which is not set");
  }

  @Test
  void readsTheMetricsTargets() throws IOException {
    String yaml =
        HEAD
            + "tables: [public.users]\nmetrics-file: /var/lib/node_exporter/textfile/auth.prom\n"
            + "pushgateway: http://pushgateway:9091\n";

    MetricsTargets metrics = loader.load(write(yaml), Map.of()).metrics();

    assertThat(metrics.file()).isEqualTo(Path.of("/var/lib/node_exporter/textfile/auth.prom"));
    assertThat(metrics.pushgateway()).hasToString("http://pushgateway:9091");
    assertThat(loader.load(write(HEAD + "tables: [public.users]\n"), Map.of()).metrics())
        .isEqualTo(MetricsTargets.NONE);
  }

  @Test
  void checksTheMetricsTargets() throws IOException {
    String head = HEAD + "tables: [public.users]\n";
    assertThat(error(head + "metrics-file: /tmp/auth.txt\n"))
        .startsWith("auth.yaml:5: metrics-file must name a file ending in .prom");
    assertThat(error(head + "pushgateway: pushgateway:9091\n"))
        .startsWith("auth.yaml:5: pushgateway must be an http(s) URL without a query");
    assertThat(error(head + "pushgateway: 'http://gw:9091/a b'\n"))
        .startsWith(
            "auth.yaml:5: pushgateway must be an http(s) URL such as http://pushgateway:9091");
  }

  private LiveTuning live(String yaml) throws IOException {
    return loader.load(write(yaml), Map.of()).tuning().live();
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("auth.yaml"), yaml);
  }

  /** The loader's message for {@code yaml}, with the temporary folder cut from the file name. */
  private String error(String yaml) throws IOException {
    return error(yaml, Map.of());
  }

  /** The loader's message for {@code yaml} read with {@code env}. */
  private String error(String yaml, Map<String, String> env) throws IOException {
    Path file = write(yaml);
    try {
      loader.load(file, env);
    } catch (ConfigException e) {
      return e.getMessage().replace(dir + file.getFileSystem().getSeparator(), "");
    }
    throw new AssertionError("expected a ConfigException for:\n" + yaml);
  }
}
