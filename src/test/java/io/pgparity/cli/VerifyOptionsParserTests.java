package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.ConfigException;
import io.pgparity.config.MetricsTargets;
import io.pgparity.table.TableRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyOptionsParserTests {

  private static final String PRIMARY = "jdbc:postgresql://db1:5432/app?user=checker";
  private static final String REPLICA = "jdbc:postgresql://db2:5432/app?user=checker";

  @Test
  void readsEveryOptionInBothSpellings() {
    VerifyOptions options =
        parse(
            "--job",
            "jobs/auth.yaml",
            "--primary=" + PRIMARY,
            "--replica",
            REPLICA,
            "--table",
            "public.users",
            "--table=public.sessions",
            "--out",
            "build/out",
            "--threads=4",
            "--chunk-rows",
            "5_000",
            "--max-divergences",
            "7",
            "--job-repository=jdbc:h2:mem:batch",
            "--no-lag-wait",
            "--max-wait",
            "90s",
            "--max-lag=1GB",
            "--rechecks",
            "0",
            "--recheck-delay=250ms",
            "--rows-per-second",
            "2_000",
            "--retries=20",
            "--debug");

    assertThat(options.job()).isEqualTo(Path.of("jobs/auth.yaml"));
    assertThat(options.primaryUrl()).isEqualTo(PRIMARY);
    assertThat(options.replicaUrl()).isEqualTo(REPLICA);
    assertThat(options.tables())
        .containsExactly(new TableRef("public", "users"), new TableRef("public", "sessions"));
    assertThat(options.out()).isEqualTo(Path.of("build/out"));
    assertThat(options.threads()).isEqualTo(ThreadsArgument.of(4));
    assertThat(options.chunkRows()).isEqualTo(5000);
    assertThat(options.maxDivergences()).isEqualTo(7);
    assertThat(options.jobRepositoryUrl()).isEqualTo("jdbc:h2:mem:batch");
    assertThat(options.live())
        .isEqualTo(
            new LiveOverrides(
                false, Duration.ofSeconds(90), 1L << 30, 0, Duration.ofMillis(250), 2000.0, 20));
    assertThat(options.debug()).isTrue();
    assertThat(options.help()).isFalse();
    assertThat(options.repairSql()).isFalse();
    assertThat(options.metrics()).isEqualTo(MetricsTargets.NONE);
    assertThat(options.shard()).isNull();
    assertThat(options.fresh()).isFalse();
  }

  @Test
  void maxRuntimeIsADurationOverridingTheJobs() {
    assertThat(parse("--job", "jobs/auth.yaml", "--max-runtime", "30m").live().maxRuntime())
        .isEqualTo(Duration.ofMinutes(30));
    assertThat(
            parse("--job", "jobs/auth.yaml")
                .live()
                .applyTo(io.pgparity.config.LiveTuning.defaults())
                .maxRuntime())
        .as("no limit unless asked")
        .isZero();
    assertThat(
            parse("--job", "jobs/auth.yaml", "--max-runtime=2s")
                .live()
                .applyTo(io.pgparity.config.LiveTuning.defaults())
                .maxRuntime())
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aJobAloneIsEnoughAndLeavesOverridesUnset() {
    VerifyOptions options = parse("--job", "jobs/auth.yaml");

    assertThat(options.job()).isEqualTo(Path.of("jobs/auth.yaml"));
    assertThat(options.tables()).isEmpty();
    assertThat(options.threads()).isNull();
    assertThat(options.out()).isNull();
    assertThat(options.live()).isEqualTo(LiveOverrides.none());
    assertThat(options.debug()).isFalse();
  }

  @Test
  void anAdhocRunNeedsBothUrlsAndATable() {
    assertThat(parse("--primary", PRIMARY, "--replica", REPLICA, "--table", "public.users").job())
        .isNull();
    assertThat(error("--primary", PRIMARY, "--table", "public.users"))
        .isEqualTo(
            "verify needs --job FILE, or --primary URL, --replica URL and at least one --table"
                + " schema.table (or --schema NAME, --all); missing --replica (see pgparity verify"
                + " --help)");
    assertThat(error())
        .endsWith("missing --primary, --replica, --table (see pgparity verify --help)");
  }

  @Test
  void freshIsOffUnlessGiven() {
    assertThat(parse("--job", "a.yaml").fresh()).isFalse();
    assertThat(parse("--job", "a.yaml", "--fresh").fresh()).isTrue();
  }

  @Test
  void helpWinsOverEverythingElse() {
    assertThat(parse("--bogus", "--help").help()).isTrue();
    assertThat(parse("-h").help()).isTrue();
  }

  @Test
  void suggestsTheClosestOptionForAnUnknownOne() {
    assertThat(error("--job", "a.yaml", "--thread", "3"))
        .isEqualTo(
            "verify: unknown option '--thread' (did you mean '--threads'?); valid options: --job,"
                + " --primary, --replica, --table, --schema, --all, --exclude, --materialized-views, --out, --threads, --max-threads, --chunk-rows,"
                + " --max-divergences, --no-lag-wait, --max-wait, --max-lag, --rechecks,"
                + " --recheck-delay, --rows-per-second, --retries, --max-runtime, --job-repository, --repair-sql, --fresh,"
                + " --metrics-file, --pushgateway, --shard, --debug,"
                + " --help");
    assertThat(error("--job", "a.yaml", "--max-wiat", "1m"))
        .startsWith("verify: unknown option '--max-wiat' (did you mean '--max-wait'?)");
    assertThat(error("--job", "a.yaml", "--nolagwait"))
        .startsWith("verify: unknown option '--nolagwait' (did you mean '--no-lag-wait'?)");
    assertThat(error("-job", "a.yaml"))
        .startsWith("verify: unknown option '-job' (did you mean '--job'?)");
    assertThat(error("--password=x")).startsWith("verify: unknown option '--password';");
  }

  @Test
  void reportsMissingValues() {
    assertThat(error("--job")).isEqualTo("verify: --job needs a value, e.g. --job jobs/auth.yaml");
    assertThat(error("--job", "--debug"))
        .isEqualTo("verify: --job needs a value, e.g. --job jobs/auth.yaml");
    assertThat(error("--threads=", "--job", "a.yaml"))
        .isEqualTo("verify: --threads needs a value, e.g. --threads 4");
  }

  @Test
  void readsAndChecksTheMetricsTargets() {
    VerifyOptions options =
        parse(
            "--job", "a.yaml", "--metrics-file", "/tmp/auth.prom", "--pushgateway=http://gw:9091");
    assertThat(options.metrics().file()).isEqualTo(Path.of("/tmp/auth.prom"));
    assertThat(options.metrics().pushgateway()).hasToString("http://gw:9091");
    assertThat(parse("--job", "a.yaml").metrics())
        .isEqualTo(io.pgparity.config.MetricsTargets.NONE);

    assertThat(error("--job", "a.yaml", "--metrics-file", "/tmp/auth.txt"))
        .startsWith("verify: --metrics-file must name a file ending in .prom");
    assertThat(error("--job", "a.yaml", "--pushgateway", "ftp://gw"))
        .startsWith("verify: --pushgateway must be an http(s) URL");
  }

  @Test
  void checksNumbersAndTheirRanges() {
    assertThat(error("--job", "a.yaml", "--threads", "two"))
        .isEqualTo("verify: --threads must be auto or an integer between 1 and 64 but was 'two'");
    assertThat(error("--job", "a.yaml", "--threads", "-1"))
        .isEqualTo("verify: --threads must be auto or an integer between 1 and 64 but was '-1'");
    assertThat(error("--job", "a.yaml", "--chunk-rows", "99999999999"))
        .isEqualTo(
            "verify: --chunk-rows must be an integer between 10 and 10000000 but was"
                + " '99999999999'");
    assertThat(error("--job", "a.yaml", "--max-divergences", "0"))
        .isEqualTo("verify: --max-divergences must be an integer of at least 1 but was '0'");
  }

  @Test
  void readsThreadsAutoAndItsCap() {
    VerifyOptions auto = parse("--job", "a.yaml", "--threads", "auto", "--max-threads", "3");
    assertThat(auto.threads()).isEqualTo(ThreadsArgument.AUTO);
    assertThat(auto.maxThreads()).isEqualTo(3);
    assertThat(parse("--job", "a.yaml", "--threads=1_6").threads())
        .isEqualTo(ThreadsArgument.of(16));
    // --max-threads alone: the job file may say threads: auto (JobDefinitionFactory checks it)
    assertThat(parse("--job", "a.yaml", "--max-threads", "2").maxThreads()).isEqualTo(2);

    assertThat(error("--job", "a.yaml", "--threads", "Auto"))
        .isEqualTo("verify: --threads must be auto or an integer between 1 and 64 but was 'Auto'");
    assertThat(error("--job", "a.yaml", "--threads", "0"))
        .isEqualTo("verify: --threads must be auto or an integer between 1 and 64 but was '0'");
    assertThat(error("--job", "a.yaml", "--threads", "65"))
        .isEqualTo("verify: --threads must be auto or an integer between 1 and 64 but was '65'");
    assertThat(error("--job", "a.yaml", "--threads", "auto", "--max-threads", "0"))
        .isEqualTo("verify: --max-threads must be an integer between 1 and 64 but was '0'");
    assertThat(error("--job", "a.yaml", "--threads", "auto", "--max-threads", "auto"))
        .isEqualTo("verify: --max-threads must be an integer between 1 and 64 but was 'auto'");
    assertThat(error("--job", "a.yaml", "--max-threads", "8", "--threads", "2"))
        .isEqualTo(
            "verify: --max-threads 8 caps only --threads auto, but --threads 2 is given; drop"
                + " --max-threads or write --threads auto");
  }

  @Test
  void checksTheLiveOptionsWithTheirAllowedValues() {
    assertThat(error("--job", "a.yaml", "--max-wait", "soon"))
        .isEqualTo(
            "verify: --max-wait must be a duration like 500ms, 30s, 10m, 1h or a whole number of"
                + " seconds but was 'soon'");
    assertThat(error("--job", "a.yaml", "--recheck-delay=9999h"))
        .isEqualTo("verify: --recheck-delay must be at most 596h but was '9999h'");
    assertThat(error("--job", "a.yaml", "--max-lag", "64 megs"))
        .isEqualTo(
            "verify: --max-lag must be a size like 512kB, 64MB, 1GB or a whole number of bytes"
                + " (0 = off) but was '64 megs'");
    assertThat(error("--job", "a.yaml", "--rechecks", "101"))
        .isEqualTo("verify: --rechecks must be an integer between 0 and 100 but was '101'");
    assertThat(error("--job", "a.yaml", "--retries", "-1"))
        .isEqualTo("verify: --retries must be an integer between 0 and 20 but was '-1'");
    assertThat(error("--job", "a.yaml", "--rows-per-second", "-5"))
        .isEqualTo(
            "verify: --rows-per-second must be a number of at least 0 such as 5000 or 2.5"
                + " (0 = unlimited) but was '-5'");
    assertThat(error("--job", "a.yaml", "--max-lag"))
        .isEqualTo("verify: --max-lag needs a value, e.g. --max-lag 64MB");
    assertThat(error("--job", "a.yaml", "--retries", "--debug"))
        .isEqualTo("verify: --retries needs a value, e.g. --retries 3");
    assertThat(error("--job", "a.yaml", "--no-lag-wait=true"))
        .isEqualTo("verify: --no-lag-wait takes no value; write just --no-lag-wait");
    assertThat(error("--job", "a.yaml", "--max-wait", "1m", "--max-wait=2m"))
        .isEqualTo("verify: --max-wait is given twice; give it once");
  }

  @Test
  void readsWalSizesAndZeroAsOff() {
    assertThat(parse("--job", "a.yaml", "--max-lag", "512kB").live().maxLagBytes())
        .isEqualTo(512L * 1024);
    assertThat(parse("--job", "a.yaml", "--max-lag", "64mb").live().maxLagBytes())
        .isEqualTo(64L << 20);
    assertThat(parse("--job", "a.yaml", "--max-lag", "0").live().maxLagBytes()).isZero();
    assertThat(parse("--job", "a.yaml", "--rows-per-second", "0").live().rowsPerSecond()).isZero();
    assertThat(parse("--job", "a.yaml", "--debug", "--debug").debug())
        .as("a repeated flag is harmless")
        .isTrue();
  }

  @Test
  void checksUrlsTablesAndRepetitions() {
    assertThat(error("--primary", "postgres://db1/app?password=hunter2"))
        .isEqualTo(
            "verify: --primary must be a jdbc:postgresql: url but was"
                + " 'postgres://db1/app?password=***'; e.g. --primary"
                + " 'jdbc:postgresql://host:5432/app?user=checker'");
    assertThat(error("--replica", REPLICA + "&password=hunter2"))
        .startsWith("verify: --replica must not contain password=;")
        .doesNotContain("hunter2");
    assertThat(error("--table", "users"))
        .isEqualTo(
            "verify: --table table 'users' must be schema-qualified, e.g. public.users (quote names"
                + " that contain dots)");
    assertThat(error("--table", "public.users", "--table", "PUBLIC.USERS"))
        .isEqualTo("verify: --table public.users is given twice; give it once");
    assertThat(error("--job", "a.yaml", "--job", "b.yaml"))
        .isEqualTo("verify: --job is given twice; give it once");
    assertThat(error("--job", "a.yaml", "--job-repository", "batch.db"))
        .startsWith("verify: --job-repository must be a JDBC url but was 'batch.db'");
  }

  @Test
  void rejectsPositionalArgumentsAndValuesOnFlags() {
    assertThat(error("jobs/auth.yaml"))
        .isEqualTo(
            "verify: unexpected argument 'jobs/auth.yaml'; verify takes only options (see pgparity"
                + " verify --help)");
    assertThat(error("--job", "a.yaml", "--debug=yes"))
        .isEqualTo("verify: --debug takes no value; write just --debug");
  }

  private static VerifyOptions parse(String... args) {
    return VerifyOptions.parse(List.of(args));
  }

  private static String error(String... args) {
    try {
      VerifyOptions.parse(List.of(args));
    } catch (ConfigException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      return e.getMessage();
    }
    throw new AssertionError("expected a ConfigException for " + List.of(args));
  }
}
