package io.pgparity.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.verdict.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SummaryJsonWriterTests {

  private final JsonMapper mapper = JsonMapper.builder().build();

  @TempDir Path dir;

  @Test
  void matchesTheGoldenFile() throws Exception {
    Path file = dir.resolve("summary.json");

    new SummaryJsonWriter().write(ReportFixtures.run(), file);

    String actual = Files.readString(file, UTF_8);
    assertThat(actual).isEqualTo(ReportFixtures.golden("summary.json", actual));
  }

  @Test
  void keepsTheContractsFieldOrder() {
    Path file = dir.resolve("summary.json");
    new SummaryJsonWriter().write(ReportFixtures.run(), file);

    JsonNode root = mapper.readTree(file.toFile());

    assertThat(names(root))
        .containsExactly(
            "tool",
            "version",
            "job",
            "runId",
            "status",
            "startedAt",
            "finishedAt",
            "primary",
            "replica",
            "replication",
            "note",
            "tables",
            "leftOut",
            "schemaFindings",
            "sequences",
            "totals",
            "audit");
    assertThat(names(root.get("primary")))
        .containsExactly("host", "database", "serverVersion", "systemIdentifier");
    assertThat(names(root.get("tables").get(0)))
        .containsExactly(
            "table",
            "key",
            "columns",
            "rowsPrimary",
            "rowsReplica",
            "ranges",
            "missingOnReplica",
            "extraOnReplica",
            "changed",
            "converged",
            "unstable",
            "schemaFindings",
            "status",
            "seconds",
            "note");
    assertThat(names(root.get("replication")))
        .containsExactly(
            "kind",
            "detail",
            "lagAware",
            "waits",
            "longestWaitSeconds",
            "totalWaitSeconds",
            "largestLagBytes",
            "lagPauses",
            "pausedSeconds",
            "rateLimitedSeconds",
            "retries");
    assertThat(root.get("replication").get("kind").stringValue()).isEqualTo("PHYSICAL_STANDBY");
    assertThat(root.get("replication").get("longestWaitSeconds").asDouble()).isEqualTo(0.85);
    assertThat(names(root.get("totals")))
        .containsExactly(
            "rowsCompared",
            "divergentRows",
            "convergedRows",
            "unstableRows",
            "tablesCompared",
            "tablesDiverged",
            "tablesLeftOut",
            "divergentSchemaFindings",
            "divergentSequences");
    assertThat(root.get("totals").get("convergedRows").asLong()).isEqualTo(12);
    assertThat(root.get("totals").get("rowsCompared").asLong()).isEqualTo(400_000);
    assertThat(root.get("totals").get("divergentRows").asLong()).isEqualTo(9);
  }

  @Test
  void writesUnknownServersAndNonFiniteSecondsAsNull() {
    TableResult odd =
        new TableResult(
            ReportFixtures.USERS,
            List.of("id"),
            List.of("id"),
            TableResult.Rows.NONE,
            TableResult.Differences.NONE,
            List.of(),
            Status.FAILED,
            Double.NaN,
            "public.users: permission denied",
            TableResult.Rechecks.NONE,
            null);
    Path file = dir.resolve("summary.json");

    new SummaryJsonWriter().write(ReportFixtures.run(Status.FAILED, List.of(odd)), file);

    JsonNode root = mapper.readTree(file.toFile());
    assertThat(root.get("primary").isNull()).isTrue();
    assertThat(root.get("replica").isNull()).isTrue();
    assertThat(root.get("tables").get(0).get("seconds").isNull()).isTrue();
    assertThat(root.get("tables").get(0).get("note").asString())
        .isEqualTo("public.users: permission denied");
  }

  @Test
  void replacesAnOldSummaryAndLeavesNoTemporaryFile() throws Exception {
    Path file = dir.resolve("summary.json");
    Files.writeString(file, "{\"half\":");

    new SummaryJsonWriter().write(ReportFixtures.run(), file);

    assertThat(mapper.readTree(file.toFile()).get("job").asString()).isEqualTo("auth");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("summary.json");
    }
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }
}
