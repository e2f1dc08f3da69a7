package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.JobFileLoader;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.job.VerifyLauncher;
import io.pgparity.report.JobJson;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --threads auto against real servers: a role whose max_parallel_workers_per_gather is 5 on the
 * primary and 3 on the replica (ALTER ROLE ... SET, so no other test's sessions see it; neither is
 * the default 2) gets 1 + 3 threads, capped by --max-threads; the role reads pg_stat_activity whole
 * (pg_read_all_stats), so other tests' sessions do not count as hidden.
 */
class AutoThreadsIntegrationTests {

  private static EmbeddedPair pair;
  private static String schema;
  private static String role;

  @TempDir Path dir;

  private final List<JobDefinition> launched = new ArrayList<>();
  private final List<RunOutcome> outcomes = new ArrayList<>();

  @BeforeAll
  static void createTableAndRole() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("autothreads");
    role = schema + "_checker";
    String s = "\"" + schema + "\"";
    pair.execBoth(
        "CREATE TABLE "
            + s
            + ".items (id int PRIMARY KEY, v text);"
            + "INSERT INTO "
            + s
            + ".items SELECT i, 'v' || i FROM generate_series(1, 20000) i;"
            + "ANALYZE "
            + s
            + ".items;"
            + "CREATE ROLE \""
            + role
            + "\" LOGIN IN ROLE pg_read_all_stats;"
            + "GRANT USAGE ON SCHEMA "
            + s
            + " TO \""
            + role
            + "\";"
            + "GRANT SELECT ON ALL TABLES IN SCHEMA "
            + s
            + " TO \""
            + role
            + "\"");
    TestServers.exec(
        pair.primary(), "ALTER ROLE \"" + role + "\" SET max_parallel_workers_per_gather = 5");
    TestServers.exec(
        pair.replica(), "ALTER ROLE \"" + role + "\" SET max_parallel_workers_per_gather = 3");
  }

  @AfterAll
  static void drop() {
    TestServers.dropSchema(schema);
    pair.execBoth("DROP OWNED BY \"" + role + "\"; DROP ROLE \"" + role + "\"");
  }

  @Test
  void autoTakesOnePlusTheReplicasLesserWorkersPerGatherAndTheRunIsConsistent() throws Exception {
    Run run = verify(new SpringVerifyLauncher(), "--threads", "auto");

    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).status()).as(run.printed()).isEqualTo(Status.CONSISTENT);
    assertThat(launched).hasSize(1);
    assertThat(launched.get(0).tuning().threads()).isEqualTo(4);
    assertThat(launched.get(0).tuning().autoThreads()).isTrue();
    JobJson job = JobJson.read(run.folder().resolve(JobJson.FILE_NAME));
    assertThat(job.tuning().threads()).isEqualTo(4);
    assertThat(job.tuning().autoThreads()).isTrue();
  }

  @Test
  void maxThreadsCapsTheOffer() throws Exception {
    verify(recordOnly(), "--threads", "auto", "--max-threads", "2");

    assertThat(launched.get(0).tuning().threads()).isEqualTo(2);
    assertThat(launched.get(0).tuning().maxThreads()).isEqualTo(2);
  }

  @Test
  void aSideThatCannotBeReadOffersOne() throws Exception {
    verify(
        recordOnly(),
        "--threads",
        "auto",
        "--replica",
        "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&connectTimeout=2");

    assertThat(launched.get(0).tuning().threads()).isEqualTo(1);
  }

  @Test
  void aNumberOfThreadsIsKeptWithoutAskingTheServers() throws Exception {
    verify(
        recordOnly(),
        "--threads",
        "5",
        "--replica",
        "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&connectTimeout=2");

    assertThat(launched.get(0).tuning().threads()).isEqualTo(5);
    assertThat(launched.get(0).tuning().autoThreads()).isFalse();
  }

  private static VerifyLauncher recordOnly() {
    return definition -> new RunOutcome(Status.CONSISTENT, null, "verdict: recorded");
  }

  private static String asRole(String url) {
    return url.replace("user=postgres", "user=" + role);
  }

  private Run verify(VerifyLauncher launcher, String... extra) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--primary",
            asRole(pair.primaryUrl()),
            "--table",
            schema + ".items",
            "--chunk-rows",
            "1000",
            "--no-lag-wait",
            "--out",
            dir.toString()));
    args.addAll(List.of(extra));
    if (!args.contains("--replica")) {
      args.addAll(List.of("--replica", asRole(pair.replicaUrl())));
    }
    VerifyLauncher recording =
        new VerifyLauncher() {
          @Override
          public RunOutcome launch(JobDefinition definition) {
            return launch(definition, false, Resume.AUTO);
          }

          @Override
          public RunOutcome launch(JobDefinition definition, boolean repairSql, Resume resume) {
            launched.add(definition);
            RunOutcome outcome = launcher.launch(definition, repairSql, resume);
            outcomes.add(outcome);
            return outcome;
          }
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    VerifyCommand verify =
        new VerifyCommand(
            recording,
            new JobDefinitionFactory(
                new JobFileLoader(), Map.of(), new PasswordResolver(Map.of(), dir)));
    int code =
        verify.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    int report = printed.lastIndexOf("report: ");
    Path folder =
        report < 0 ? null : Path.of(printed.substring(report + "report: ".length()).strip());
    return new Run(code, folder, printed + "\n" + err.toString(StandardCharsets.UTF_8));
  }

  private record Run(int code, Path folder, String printed) {}
}
