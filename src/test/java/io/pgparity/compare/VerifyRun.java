package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.TableRef;
import io.pgparity.cli.ExitCode;
import io.pgparity.config.ConnectionSpec;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.report.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One verify run through {@link SpringVerifyLauncher} and what it wrote, with the one assertion
 * the drift tests make: the reported divergences are exactly the modelled ones, and summary.json,
 * the status and the exit code agree with them.
 */
final class VerifyRun {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  final RunOutcome outcome;
  final JsonNode summary;
  final List<DivergentRow> divergences;
  private final String context;

  private VerifyRun(RunOutcome outcome, JsonNode summary, List<DivergentRow> divergences, String context) {
    this.outcome = outcome;
    this.summary = summary;
    this.divergences = divergences;
    this.context = context;
  }

  /** Verifies the tables (schema.table) with the given range size; threads 2, max-divergences 10 000. */
  static VerifyRun launch(String primaryUrl, String replicaUrl, Path out, int chunkRows, List<String> tables, String context) {
    JobDefinition definition =
        new JobDefinition(
            "drift",
            new ConnectionSpec(primaryUrl, null),
            new ConnectionSpec(replicaUrl, null),
            tables.stream().map(t -> TableSpec.of(TableRef.parse(t))).toList(),
            new Tuning(2, chunkRows, 10_000, Duration.ofMinutes(5), Duration.ofSeconds(5)),
            out,
            null);
    RunOutcome outcome = new SpringVerifyLauncher().launch(definition);
    assertThat(outcome.runFolder()).as("%s: run folder of %s", context, outcome.verdict()).isNotNull();
    try {
      JsonNode summary = JSON.readTree(Files.readString(outcome.runFolder().resolve("summary.json")));
      List<DivergentRow> divergences = new ArrayList<>();
      for (String line : Files.readAllLines(outcome.runFolder().resolve("divergences.jsonl"))) {
        if (!line.isBlank()) {
          divergences.add(DivergentRow.parse(JSON.readTree(line)));
        }
      }
      return new VerifyRun(outcome, summary, List.copyOf(divergences), context + ", chunk-rows " + chunkRows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What one table must show: exactly these divergences, and these row counts. */
  record Expectation(String table, List<DivergentRow> divergences, long rowsPrimary, long rowsReplica) {

    Expectation {
      divergences = List.copyOf(divergences);
    }
  }

  /** Asserts the run reported exactly what the tables' models imply, nothing more and nothing less. */
  VerifyRun assertExactly(List<DriftTable> tables) {
    return assertExpected(tables.stream().map(DriftTable::expectation).toList());
  }

  /** Asserts exactly these divergences and counts per table, and the status and exit code they make. */
  VerifyRun assertExpected(List<Expectation> expectations) {
    long total = 0;
    for (Expectation expected : expectations) {
      total += expected.divergences().size();
      assertTable(expected);
    }
    Status status = total == 0 ? Status.CONSISTENT : Status.DIVERGENT;
    assertThat(outcome.status()).as("%s: status of %s", context, outcome.verdict()).isEqualTo(status);
    assertThat(ExitCode.of(outcome.status()).code()).as("%s: exit code", context).isEqualTo(total == 0 ? 0 : 1);
    assertThat(outcome.verdict()).startsWith(status.name());
    assertThat(summary.get("status").stringValue()).isEqualTo(status.name());
    assertThat(summary.get("totals").get("divergentRows").asLong()).as("%s: totals.divergentRows", context).isEqualTo(total);
    assertThat(summary.get("tables").size()).isEqualTo(expectations.size());
    assertThat(divergences).as("%s: divergences.jsonl lines", context).hasSize((int) total);
    return this;
  }

  private void assertTable(Expectation expectation) {
    String table = expectation.table();
    List<DivergentRow> expected = expectation.divergences();
    List<DivergentRow> reported = divergences.stream().filter(d -> d.table().equals(table)).toList();
    Set<DivergentRow> unexpected = new HashSet<>(reported);
    expected.forEach(unexpected::remove);
    Set<DivergentRow> notReported = new HashSet<>(expected);
    reported.forEach(notReported::remove);
    assertThat(unexpected).as("%s: %s reported but not expected", context, table).isEmpty();
    assertThat(notReported).as("%s: %s expected but not reported", context, table).isEmpty();
    assertThat(reported).as("%s: %s reported once each", context, table).doesNotHaveDuplicates();

    JsonNode result = tableResult(table);
    assertThat(result.get("missingOnReplica").asLong()).as("%s: %s missingOnReplica", context, table)
        .isEqualTo(count(expected, DivergenceKind.MISSING_ON_REPLICA));
    assertThat(result.get("extraOnReplica").asLong()).as("%s: %s extraOnReplica", context, table)
        .isEqualTo(count(expected, DivergenceKind.EXTRA_ON_REPLICA));
    assertThat(result.get("changed").asLong()).as("%s: %s changed", context, table)
        .isEqualTo(count(expected, DivergenceKind.CHANGED));
    assertThat(result.get("rowsPrimary").asLong()).as("%s: %s rowsPrimary", context, table).isEqualTo(expectation.rowsPrimary());
    assertThat(result.get("rowsReplica").asLong()).as("%s: %s rowsReplica", context, table).isEqualTo(expectation.rowsReplica());
    assertThat(result.get("schemaFindings").values()).as("%s: %s schemaFindings", context, table).isEmpty();
    assertThat(result.get("status").stringValue()).as("%s: %s status", context, table)
        .isEqualTo(expected.isEmpty() ? "CONSISTENT" : "DIVERGENT");
  }

  /** The summary.json entry of one table. */
  JsonNode tableResult(String table) {
    for (JsonNode node : summary.get("tables")) {
      if (node.get("table").stringValue().equals(table)) {
        return node;
      }
    }
    throw new AssertionError(context + ": summary.json has no table " + table);
  }

  private static long count(List<DivergentRow> rows, DivergenceKind kind) {
    return rows.stream().filter(r -> r.kind() == kind).count();
  }
}
