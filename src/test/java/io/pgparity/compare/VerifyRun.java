package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.table.TableRef;
import io.pgparity.verdict.ExitCode;
import io.pgparity.verdict.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One verify run through {@link SpringVerifyLauncher} and what it wrote, with the one assertion the
 * drift tests make: the reported divergences are exactly the modelled ones, and summary.json, the
 * status and the exit code agree with them.
 */
final class VerifyRun {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  final RunOutcome outcome;
  final JsonNode summary;
  final List<DivergentRow> divergences;
  private final String context;

  private VerifyRun(
      RunOutcome outcome, JsonNode summary, List<DivergentRow> divergences, String context) {
    this.outcome = outcome;
    this.summary = summary;
    this.divergences = divergences;
    this.context = context;
  }

  /**
   * Verifies the tables (schema.table) with the given range size; threads 2, max-divergences 10
   * 000.
   */
  static VerifyRun launch(
      String primaryUrl,
      String replicaUrl,
      Path out,
      int chunkRows,
      List<String> tables,
      String context) {
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
    assertThat(outcome.runFolder())
        .as("%s: run folder of %s", context, outcome.verdict())
        .isNotNull();
    try {
      JsonNode summary =
          JSON.readTree(Files.readString(outcome.runFolder().resolve("summary.json")));
      List<DivergentRow> divergences = new ArrayList<>();
      for (String line : Files.readAllLines(outcome.runFolder().resolve("divergences.jsonl"))) {
        if (!line.isBlank()) {
          divergences.add(DivergentRow.parse(JSON.readTree(line)));
        }
      }
      return new VerifyRun(
          outcome, summary, List.copyOf(divergences), context + ", chunk-rows " + chunkRows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What one table must show: exactly these divergences, and these row counts. */
  record Expectation(
      String table,
      List<DivergentRow> divergences,
      long rowsPrimary,
      long rowsReplica,
      List<String> findings) {

    /** An expectation without schema findings. */
    Expectation(String table, List<DivergentRow> divergences, long rowsPrimary, long rowsReplica) {
      this(table, divergences, rowsPrimary, rowsReplica, List.of());
    }

    Expectation {
      divergences = List.copyOf(divergences);
      findings = List.copyOf(findings);
    }
  }

  /**
   * Asserts the run reported exactly what the tables' models imply, nothing more and nothing less.
   */
  VerifyRun assertExactly(List<DriftTable> tables) {
    return assertExpected(tables.stream().map(DriftTable::expectation).toList());
  }

  /**
   * Asserts exactly these divergences and counts per table, and the status and exit code they make.
   */
  VerifyRun assertExpected(List<Expectation> expectations) {
    long total = 0;
    boolean findings = false;
    for (Expectation expected : expectations) {
      total += expected.divergences().size();
      findings |= !expected.findings().isEmpty();
      assertTable(expected);
    }
    Status status = total == 0 && !findings ? Status.CONSISTENT : Status.DIVERGENT;
    assertThat(outcome.status())
        .as("%s: status of %s", context, outcome.verdict())
        .isEqualTo(status);
    assertThat(ExitCode.of(outcome.status()).code())
        .as("%s: exit code", context)
        .isEqualTo(status == Status.CONSISTENT ? 0 : 1);
    assertThat(outcome.verdict()).startsWith(status.name());
    assertThat(summary.get("status").stringValue()).isEqualTo(status.name());
    assertThat(summary.get("totals").get("divergentRows").asLong())
        .as("%s: totals.divergentRows", context)
        .isEqualTo(total);
    assertThat(summary.get("tables").size()).isEqualTo(expectations.size());
    assertThat(divergences).as("%s: divergences.jsonl lines", context).hasSize((int) total);
    return this;
  }

  /**
   * The same assertions as {@link #assertExpected}, plus {@link #assertNothingInFlight}, but every
   * table is checked before failing, and the failure lists each table's first problem (values cut
   * at {@value #SHOWN} characters) and a short account by key and kind, so one run shows every case
   * it gets wrong.
   */
  VerifyRun assertExpectedOfEveryTable(List<Expectation> expectations) {
    List<String> failures = new ArrayList<>();
    for (Expectation expected : expectations) {
      try {
        assertTable(expected);
      } catch (AssertionError e) {
        failures.add(shortened(e.getMessage()) + "\n  in short:\n" + explain(expected));
      }
    }
    try {
      assertNothingInFlight();
    } catch (AssertionError e) {
      failures.add(e.getMessage());
    }
    try {
      assertExpected(expectations);
    } catch (AssertionError e) {
      if (failures.isEmpty()) {
        throw e;
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(
          context
              + ": "
              + failures.size()
              + " failure(s) in a run of "
              + expectations.size()
              + " table(s) (status "
              + outcome.status()
              + "):\n"
              + String.join("\n", failures));
    }
    return this;
  }

  private static final int SHOWN = 2_000;
  private static final int EXPLAINED = 25;

  /**
   * One line per wrong divergence, by key and kind: expected but not reported, reported but not
   * expected, or reported with other columns or values (naming the fields that differ).
   */
  private String explain(Expectation expectation) {
    List<DivergentRow> missed = surplus(expectation.divergences(), reported(expectation.table()));
    List<DivergentRow> unexpected =
        new ArrayList<>(surplus(reported(expectation.table()), expectation.divergences()));
    List<String> lines = new ArrayList<>();
    for (DivergentRow wanted : missed) {
      DivergentRow near =
          unexpected.stream()
              .filter(r -> r.kind() == wanted.kind() && Objects.equals(r.key(), wanted.key()))
              .findFirst()
              .orElse(null);
      if (near == null) {
        lines.add("  not reported: " + wanted.kind() + " " + wanted.key() + " " + wanted.columns());
      } else {
        unexpected.remove(near);
        lines.add(
            "  reported differently: "
                + wanted.kind()
                + " "
                + wanted.key()
                + ": "
                + differences(wanted, near));
      }
    }
    unexpected.forEach(
        r -> lines.add("  not expected: " + r.kind() + " " + r.key() + " " + r.columns()));
    String head =
        "  "
            + missed.size()
            + " expected divergences not reported as expected, of "
            + expectation.divergences().size()
            + "; "
            + reported(expectation.table()).size()
            + " reported";
    return head
        + "\n"
        + String.join("\n", lines.subList(0, Math.min(lines.size(), EXPLAINED)))
        + (lines.size() > EXPLAINED ? "\n  ... " + (lines.size() - EXPLAINED) + " more" : "");
  }

  private static String differences(DivergentRow wanted, DivergentRow got) {
    List<String> fields = new ArrayList<>();
    if (!wanted.columns().equals(got.columns())) {
      fields.add("columns " + wanted.columns() + " but reported " + got.columns());
    }
    for (String side : List.of("primary", "replica")) {
      Map<String, String> w = side.equals("primary") ? wanted.primary() : wanted.replica();
      Map<String, String> g = side.equals("primary") ? got.primary() : got.replica();
      if (w == null || g == null) {
        if (w != g) {
          fields.add(side + " " + w + " but reported " + g);
        }
        continue;
      }
      w.forEach(
          (column, value) -> {
            if (!Objects.equals(value, g.get(column))) {
              fields.add(
                  side + "." + column + " <" + value + "> but reported <" + g.get(column) + ">");
            }
          });
    }
    return String.join("; ", fields);
  }

  private static String shortened(String message) {
    return message.length() <= SHOWN
        ? message
        : message.substring(0, SHOWN) + " ... (" + message.length() + " characters)";
  }

  private void assertTable(Expectation expectation) {
    String table = expectation.table();
    List<DivergentRow> expected = expectation.divergences();
    List<DivergentRow> reported = reported(table);
    // compared as multisets: a key held twice on a replica without the primary's constraints is
    // reported once per surplus copy, so an expected divergence may occur more than once
    assertThat(surplus(reported, expected))
        .as("%s: %s reported but not expected", context, table)
        .isEmpty();
    assertThat(surplus(expected, reported))
        .as("%s: %s expected but not reported", context, table)
        .isEmpty();

    JsonNode result = tableResult(table);
    assertThat(result.get("missingOnReplica").asLong())
        .as("%s: %s missingOnReplica", context, table)
        .isEqualTo(count(expected, DivergenceKind.MISSING_ON_REPLICA));
    assertThat(result.get("extraOnReplica").asLong())
        .as("%s: %s extraOnReplica", context, table)
        .isEqualTo(count(expected, DivergenceKind.EXTRA_ON_REPLICA));
    assertThat(result.get("changed").asLong())
        .as("%s: %s changed", context, table)
        .isEqualTo(count(expected, DivergenceKind.CHANGED));
    assertThat(result.get("rowsPrimary").asLong())
        .as("%s: %s rowsPrimary", context, table)
        .isEqualTo(expectation.rowsPrimary());
    assertThat(result.get("rowsReplica").asLong())
        .as("%s: %s rowsReplica", context, table)
        .isEqualTo(expectation.rowsReplica());
    // each finding expected by the start of its text, and nothing else
    List<String> findings =
        result.get("schemaFindings").values().stream().map(JsonNode::stringValue).toList();
    assertThat(findings)
        .as("%s: %s schemaFindings", context, table)
        .hasSameSizeAs(expectation.findings())
        .allMatch(f -> expectation.findings().stream().anyMatch(f::startsWith));
    assertThat(result.get("status").stringValue())
        .as("%s: %s status", context, table)
        .isEqualTo(
            expected.isEmpty() && expectation.findings().isEmpty() ? "CONSISTENT" : "DIVERGENT");
  }

  /**
   * Asserts no table counted a row as converged (in flight) or unstable: on servers without writes
   * or replication nothing is in flight, so a mismatch counted that way is one nobody explained,
   * and it must be a divergence instead.
   */
  VerifyRun assertNothingInFlight() {
    for (JsonNode table : summary.get("tables")) {
      assertThat(table.get("converged").asLong())
          .as(
              "%s: %s converged (in flight) on still servers",
              context, table.get("table").stringValue())
          .isZero();
      assertThat(table.get("unstable").asLong())
          .as("%s: %s unstable on still servers", context, table.get("table").stringValue())
          .isZero();
    }
    return this;
  }

  /** The divergences reported for one table, in file order. */
  List<DivergentRow> reported(String table) {
    return divergences.stream().filter(d -> d.table().equals(table)).toList();
  }

  /** What {@code rows} holds more often than {@code minus}, counting repeats. */
  private static List<DivergentRow> surplus(List<DivergentRow> rows, List<DivergentRow> minus) {
    Map<DivergentRow, Integer> left = new HashMap<>();
    rows.forEach(r -> left.merge(r, 1, Integer::sum));
    minus.forEach(r -> left.computeIfPresent(r, (k, n) -> n == 1 ? null : n - 1));
    List<DivergentRow> surplus = new ArrayList<>();
    left.forEach((row, n) -> surplus.addAll(Collections.nCopies(n, row)));
    return surplus;
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
