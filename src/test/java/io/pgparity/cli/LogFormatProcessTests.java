package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.testing.PgParityProcess;
import io.pgparity.testing.PgParityProcess.Result;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.ExitCode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The jar's log lines: text by default, one JSON object per line on request (Spring Boot's Logstash
 * format), the run id on each once known.
 */
class LogFormatProcessTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static EmbeddedPair pair;
  private static String schema;

  @TempDir Path dir;

  @BeforeAll
  static void createTable() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("log_format");
    pair.execBoth(
        "CREATE TABLE "
            + schema
            + ".items (id int PRIMARY KEY, v text);"
            + "INSERT INTO "
            + schema
            + ".items SELECT i, 'v' || i FROM generate_series(1, 50) i;");
    TestServers.exec(pair.replica(), "UPDATE " + schema + ".items SET v = 'changed' WHERE id = 3");
  }

  @AfterAll
  static void dropTable() {
    TestServers.dropSchema(schema);
  }

  private String[] verify(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                "--primary",
                pair.primaryUrl(),
                "--replica",
                pair.replicaUrl(),
                "--table",
                schema + ".items",
                "--out",
                "out",
                "--chunk-rows",
                "10"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** The run id the verdict's run folder ends with. */
  private static String runId(Result r) {
    String last = r.lastLine();
    return last.substring(last.lastIndexOf('/') + 1);
  }

  @Test
  void jsonLinesCarryTheRunIdOnEveryThreadOnceItIsKnown() {
    Instant started = Instant.now();
    Result r =
        PgParityProcess.in(dir)
            .withEnv(Map.of("PGPARITY_LOG_LEVEL", "DEBUG"))
            .run(verify("--log-format", "json", "--threads", "2"));

    assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
    String runId = runId(r);
    List<JsonNode> lines = r.stderrLines().stream().map(JSON::readTree).toList();
    assertThat(lines)
        .as("%s", r)
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l.path("level").asString()).isNotEmpty())
        .allSatisfy(l -> assertThat(l.path("logger_name").asString()).isNotEmpty())
        .allSatisfy(l -> assertThat(l.path("message").asString()).isNotEmpty())
        // ISO-8601 with an offset, not epoch milliseconds: a collector and a person read the same
        // instant
        .allSatisfy(
            l ->
                assertThat(OffsetDateTime.parse(l.path("@timestamp").asString()).toInstant())
                    .isBetween(started, Instant.now()));
    int first = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).has("runId")) {
        first = i;
        break;
      }
    }
    assertThat(first).as("a line with the run id in %s", r).isNotNegative();
    List<JsonNode> after = lines.subList(first, lines.size());
    assertThat(after)
        .as("%s", r)
        .allSatisfy(l -> assertThat(l.path("runId").asString()).isEqualTo(runId));
    assertThat(after)
        .as("the compare threads log it too: %s", r)
        .anySatisfy(l -> assertThat(l.path("thread_name").asString()).startsWith("compare-"));
    assertThat(after)
        .extracting(l -> l.path("message").asString())
        .anySatisfy(m -> assertThat(m).startsWith("Compared " + schema + ".items: 50 rows"));
  }

  @Test
  void theEnvironmentVariableChoosesJsonToo() {
    Result r = PgParityProcess.in(dir).withEnv(Map.of("PGPARITY_LOG_FORMAT", "JSON")).run(verify());

    assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
    assertThat(r.stderrLines())
        .as("%s", r)
        .isNotEmpty()
        .allSatisfy(line -> assertThat(JSON.readTree(line).path("level").asString()).isNotEmpty());
  }

  @Test
  void textStaysTheDefaultAndNamesTheRun() {
    Result r = PgParityProcess.in(dir).run(verify());

    assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
    assertThat(r.stderrLines()).as("%s", r).isNotEmpty().noneMatch(l -> l.startsWith("{"));
    assertThat(r.stderrLines())
        .as("%s", r)
        .anyMatch(
            l ->
                l.contains(
                    "Z ["
                        + runId(r)
                        + "] INFO  [main] WriteReportsTasklet: Compared "
                        + schema
                        + ".items"))
        .anyMatch(l -> l.matches("\\S+ INFO  \\[main\\] PlanRangesTasklet: Comparing primary .*"));
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    Result r = PgParityProcess.in(dir).run(verify("--log-format", "xml"));

    assertThat(r.exitCode()).as("%s", r).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.stderrLines())
        .as("%s", r)
        .containsExactly(
            "pgparity: --log-format must be text or json but was 'xml'; e.g. --log-format json");
  }
}
