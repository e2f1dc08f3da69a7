package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.ConfigException;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.JobFileLoader;
import io.pgparity.config.LiveTuning;
import io.pgparity.config.Settle;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.table.TableRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobDefinitionFactoryTests {

  private static final String VALID_JOB = "src/test/resources/jobs/valid.yaml";
  private static final Map<String, String> ENV = Map.of("PRIMARY_PASSWORD", "from-env");

  @TempDir Path home;

  @Test
  void withoutOverridesTheJobFileIsUsedAsIs() {
    JobDefinition fromFile = new JobFileLoader().load(Path.of(VALID_JOB), ENV);

    JobDefinition built = factory().build(options("--job", VALID_JOB));

    assertThat(built).isEqualTo(fromFile);
  }

  @Test
  void commandLineValuesWin() {
    JobDefinition built =
        factory()
            .build(
                options(
                    "--job", VALID_JOB,
                    "--primary", "jdbc:postgresql://staging-1/app?user=checker",
                    "--replica", "jdbc:postgresql://staging-2/app?user=checker",
                    "--table", "public.sessions",
                    "--table", "public.events",
                    "--out", "elsewhere",
                    "--threads", "3",
                    "--chunk-rows", "20",
                    "--max-divergences", "9",
                    "--job-repository", "jdbc:h2:mem:batch"));

    assertThat(built.name()).isEqualTo("billing-eu.v2");
    assertThat(built.primary())
        .as("the file's password stays with the overridden url")
        .isEqualTo(new ConnectionSpec("jdbc:postgresql://staging-1/app?user=checker", "from-env"));
    assertThat(built.replica())
        .isEqualTo(new ConnectionSpec("jdbc:postgresql://staging-2/app?user=checker", null));
    assertThat(built.tables())
        .as("the command line's tables replace the list; a listed table keeps its file settings")
        .containsExactly(
            new TableSpec(
                new TableRef("public", "sessions"),
                List.of("session_id"),
                List.of(),
                List.of("last_seen"),
                null,
                new Settle("last_seen", Duration.ofMinutes(5))),
            TableSpec.of(new TableRef("public", "events")));
    assertThat(built.out()).isEqualTo(Path.of("elsewhere"));
    assertThat(built.tuning())
        .as("timeouts have no command-line option; the live settings stay as the file says")
        .isEqualTo(
            new Tuning(
                3,
                20,
                9,
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
    assertThat(built.jobRepositoryUrl()).isEqualTo("jdbc:h2:mem:batch");
  }

  @Test
  void liveOptionsOverrideTheJobFileOneByOne() {
    LiveTuning all =
        factory()
            .build(
                options(
                    "--job", VALID_JOB,
                    "--max-wait", "3m",
                    "--max-lag", "0",
                    "--rechecks", "0",
                    "--recheck-delay", "2s",
                    "--rows-per-second", "0",
                    "--retries", "1"))
            .tuning()
            .live();
    LiveTuning one = factory().build(options("--job", VALID_JOB, "--retries", "0")).tuning().live();

    assertThat(all)
        .as("lag-aware: false stays, as no option turns waiting back on")
        .isEqualTo(
            new LiveTuning(
                false,
                Duration.ofMinutes(3),
                0,
                0,
                Duration.ofSeconds(2),
                0,
                1,
                Duration.ofMillis(500)));
    assertThat(one)
        .isEqualTo(
            new LiveTuning(
                false,
                Duration.ofSeconds(45),
                64L << 20,
                5,
                Duration.ofMillis(1500),
                2500.5,
                0,
                Duration.ofMillis(500)));
  }

  @Test
  void noLagWaitTurnsWaitingOffAndAdhocRunsTakeTheLiveDefaults() {
    String[] adhoc = {
      "--primary", "jdbc:postgresql://db1/app?user=checker",
      "--replica", "jdbc:postgresql://db2/app?user=checker",
      "--table", "public.users"
    };
    LiveTuning defaults = factory().build(options(adhoc)).tuning().live();
    List<String> noWait = new ArrayList<>(List.of(adhoc));
    noWait.add("--no-lag-wait");
    LiveTuning withoutWaiting = factory().build(VerifyOptions.parse(noWait)).tuning().live();

    assertThat(defaults).isEqualTo(LiveTuning.defaults());
    assertThat(defaults.lagAware()).isTrue();
    assertThat(withoutWaiting)
        .isEqualTo(
            new LiveTuning(
                false,
                defaults.maxWait(),
                defaults.maxLagBytes(),
                defaults.rechecks(),
                defaults.recheckDelay(),
                defaults.rowsPerSecond(),
                defaults.retries()));
  }

  @Test
  void anAdhocRunIsNamedAdhocAndUsesTheDefaults() {
    JobDefinition built =
        factory()
            .build(
                options(
                    "--primary", "jdbc:postgresql://db1/app?user=checker",
                    "--replica", "jdbc:postgresql://db2/app?user=checker",
                    "--table", "public.users"));

    assertThat(built)
        .isEqualTo(
            new JobDefinition(
                "adhoc",
                new ConnectionSpec("jdbc:postgresql://db1/app?user=checker", null),
                new ConnectionSpec("jdbc:postgresql://db2/app?user=checker", null),
                List.of(TableSpec.of(new TableRef("public", "users"))),
                Tuning.defaults(),
                Path.of("reports"),
                null));
  }

  @Test
  void passwordsComeFromThePasswordFileWhenNoneIsGiven() throws IOException {
    Path pgpass = home.resolve(".pgpass");
    Files.writeString(pgpass, "db1:*:*:checker:one\ndb2:*:*:checker:two\n");
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));

    JobDefinition adhoc =
        factory()
            .build(
                options(
                    "--primary", "jdbc:postgresql://db1/app?user=checker",
                    "--replica", "jdbc:postgresql://db2/app?user=checker",
                    "--table", "public.users"));
    JobDefinition fromFile =
        factory()
            .build(
                options(
                    "--job", VALID_JOB,
                    "--primary", "jdbc:postgresql://db1/app?user=checker",
                    "--replica", "jdbc:postgresql://db2/app?user=checker"));

    assertThat(adhoc.primary().password()).isEqualTo("one");
    assertThat(adhoc.replica().password()).isEqualTo("two");
    assertThat(fromFile.primary().password())
        .as("a password from the job file is not replaced")
        .isEqualTo("from-env");
    assertThat(fromFile.replica().password()).isEqualTo("two");
  }

  @Test
  void jobFileErrorsPassThroughWithFileAndLine() {
    assertThatThrownBy(
            () -> factory().build(options("--job", "src/test/resources/jobs/wrong-type.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("src/test/resources/jobs/wrong-type.yaml:7: threads must be");
  }

  @Test
  void incompleteOptionsAreAConfigurationError() {
    // read, not parse: parse would refuse them before the factory sees them
    VerifyOptions noTables =
        VerifyOptions.read(
            List.of(
                "--primary", "jdbc:postgresql://db1/a", "--replica", "jdbc:postgresql://db2/a"));

    assertThatThrownBy(() -> factory().build(noTables))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("verify needs --job FILE, or --primary URL, --replica URL");
  }

  @Test
  void masksAndTheMaskKeyVariableSurviveOverrides() throws IOException {
    Path job = home.resolve("masked.yaml");
    Files.writeString(
        job,
        String.join(
            "\n",
            "name: masked",
            "primary: { url: 'jdbc:postgresql://db1/app?user=checker' }",
            "replica: { url: 'jdbc:postgresql://db2/app?user=checker' }",
            "tables:",
            "  - table: public.users",
            "    mask: [password_hash, token]",
            "mask-key-env: AUTH_MASK_KEY",
            ""));
    JobDefinitionFactory factory =
        new JobDefinitionFactory(
            new JobFileLoader(),
            Map.of("AUTH_MASK_KEY", "0123456789abcdef"),
            new PasswordResolver(Map.of(), home));

    JobDefinition built =
        factory.build(
            options("--job", job.toString(), "--table", "public.users", "--threads", "3"));

    assertThat(built.tables().get(0).mask()).containsExactly("password_hash", "token");
    assertThat(built.maskKeyEnv()).isEqualTo("AUTH_MASK_KEY");
  }

  @Test
  void metricsOptionsOverrideTheJobFileOneByOne() throws IOException {
    Path job = home.resolve("metrics.yaml");
    Files.writeString(
        job,
        String.join(
            "\n",
            "name: metered",
            "primary: { url: 'jdbc:postgresql://db1/app?user=checker' }",
            "replica: { url: 'jdbc:postgresql://db2/app?user=checker' }",
            "tables: [public.users]",
            "metrics-file: /var/lib/textfile/metered.prom",
            "pushgateway: http://gw-from-file:9091",
            ""));

    JobDefinition built =
        factory()
            .build(options("--job", job.toString(), "--pushgateway", "http://gw-from-cli:9091"));

    assertThat(built.metrics().file()).isEqualTo(Path.of("/var/lib/textfile/metered.prom"));
    assertThat(built.metrics().pushgateway()).hasToString("http://gw-from-cli:9091");
    assertThat(
            factory()
                .build(
                    options(
                        "--primary",
                        "jdbc:postgresql://db1/app",
                        "--replica",
                        "jdbc:postgresql://db2/app",
                        "--table",
                        "public.users"))
                .metrics()
                .any())
        .isFalse();
  }

  @Test
  void threadsAutoComesFromTheCommandLineOrTheFileWithItsCap() throws IOException {
    Tuning adhoc =
        factory()
            .build(
                options(
                    "--primary", "jdbc:postgresql://p/app",
                    "--replica", "jdbc:postgresql://r/app",
                    "--table", "public.users",
                    "--threads", "auto"))
            .tuning();
    assertThat(adhoc.autoThreads()).isTrue();
    assertThat(adhoc.maxThreads()).isEqualTo(Tuning.DEFAULT_MAX_THREADS);

    Path auto = home.resolve("auto.yaml");
    Files.writeString(
        auto,
        "name: auto\nprimary: { url: 'jdbc:postgresql://p/app' }\n"
            + "replica: { url: 'jdbc:postgresql://r/app' }\ntables: [public.users]\n"
            + "threads: auto\nmax-threads: 5\n");
    assertThat(factory().build(options("--job", auto.toString())).tuning().maxThreads())
        .isEqualTo(5);
    Tuning capped =
        factory().build(options("--job", auto.toString(), "--max-threads", "2")).tuning();
    assertThat(capped.autoThreads()).isTrue();
    assertThat(capped.maxThreads()).isEqualTo(2);
    Tuning fixed = factory().build(options("--job", auto.toString(), "--threads", "3")).tuning();
    assertThat(fixed.autoThreads()).isFalse();
    assertThat(fixed.threads()).isEqualTo(3);

    assertThatThrownBy(() -> factory().build(options("--job", VALID_JOB, "--max-threads", "4")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "verify: --max-threads 4 caps only threads auto, but threads is "
                + new JobFileLoader().load(Path.of(VALID_JOB), ENV).tuning().threads()
                + " (the job file's or the default); add --threads auto or drop --max-threads");
    Tuning fromFileCappedOnCommandLine =
        factory()
            .build(options("--job", VALID_JOB, "--threads", "auto", "--max-threads", "4"))
            .tuning();
    assertThat(fromFileCappedOnCommandLine.maxThreads()).isEqualTo(4);
    assertThat(fromFileCappedOnCommandLine.autoThreads()).isTrue();
  }

  private JobDefinitionFactory factory() {
    return new JobDefinitionFactory(new JobFileLoader(), ENV, new PasswordResolver(Map.of(), home));
  }

  private static VerifyOptions options(String... args) {
    return VerifyOptions.parse(List.of(args));
  }
}
