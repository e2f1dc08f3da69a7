package io.pgparity.report;

import io.pgparity.finding.SchemaFinding;
import io.pgparity.sequence.SequenceResult;
import io.pgparity.sequence.SequenceStatus;
import io.pgparity.table.LeftOutReason;
import io.pgparity.table.LeftOutTable;
import io.pgparity.table.TableRef;
import io.pgparity.verdict.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What report.md and report.html show of a run of any size, so that both show the same: the tables
 * with differences first (most divergent rows first), one line per schema, the left-out tables by
 * reason, the chosen tables by schema. A run of a thousand identical tables reads in a screen: a
 * table without differences is only counted and named, never given a row, strip or section.
 */
final class RunOverview {

  /** How many left-out tables each reason names; the rest are counted (summary.json has all). */
  static final int LEFT_OUT_NAMED = 20;

  /** How many compared tables the report names; the rest are counted (summary.json has all). */
  static final int TABLES_NAMED = 2_000;

  /** Tables worse first: more divergent rows, then the more severe status, then by name. */
  static final Comparator<TableResult> WORST_FIRST =
      Comparator.comparingLong(TableResult::divergentRows)
          .reversed()
          .thenComparing(TableResult::status, Comparator.reverseOrder())
          .thenComparing(t -> t.table().unambiguous());

  private RunOverview() {}

  /** The tables with differences (diverged, incomplete or failed), worst first. */
  static List<TableResult> withDifferences(RunResult r) {
    return r.tables().stream().filter(r::hasDifferences).sorted(WORST_FIRST).toList();
  }

  /**
   * A table's schema findings: the ones its TableResult carries (as text) and the run's table-level
   * ones that name it.
   */
  static List<String> findings(TableResult t, Map<TableRef, List<SchemaFinding>> byTable) {
    List<String> texts = new ArrayList<>(t.schemaFindings());
    for (SchemaFinding f : byTable.getOrDefault(t.table(), List.of())) {
      texts.add(finding(f));
    }
    return texts;
  }

  /** One finding as a line: severity, kind, object and what differs. */
  static String finding(SchemaFinding f) {
    return f.severity() + " " + f.kind() + " " + f.object() + ": " + f.message();
  }

  /** Table-level findings whose table the run did not compare: they still belong in the report. */
  static Map<TableRef, List<SchemaFinding>> findingsOfOtherTables(RunResult r) {
    Map<TableRef, List<SchemaFinding>> other = new LinkedHashMap<>(r.findingsByTable());
    r.tables().forEach(t -> other.remove(t.table()));
    return other;
  }

  /** Sequences worth a line: all but those whose both sides agree, divergent ones first. */
  static List<SequenceResult> sequencesShown(RunResult r) {
    return r.sequences().stream()
        .filter(s -> s.status() != SequenceStatus.SAME)
        .sorted(
            Comparator.comparing((SequenceResult s) -> !s.divergent())
                .thenComparing(s -> s.sequence().unambiguous()))
        .toList();
  }

  /** One sequence as a line: its values on both sides, its owner, and what that means. */
  static String sequence(SequenceResult s) {
    StringBuilder line = new StringBuilder();
    line.append(s.sequence().unambiguous())
        .append(": ")
        .append(s.status())
        .append(" (primary ")
        .append(s.primaryValue() == null ? "unused or absent" : s.primaryValue())
        .append(", replica ")
        .append(s.replicaValue() == null ? "unused or absent" : s.replicaValue());
    if (s.ownerTable() != null) {
      line.append("; owned by ")
          .append(s.ownerTable().unambiguous())
          .append('.')
          .append(s.ownerColumn());
      if (s.replicaColumnMax() != null) {
        line.append(", whose maximum on the replica is ").append(s.replicaColumnMax());
      }
    }
    return line.append(')').toString();
  }

  /** One line of the per-schema overview. */
  record SchemaLine(String schema, long compared, long diverged, long rows, long leftOut) {}

  /** Per schema, by name: tables compared, diverged, rows compared, left out. */
  static List<SchemaLine> schemas(RunResult r) {
    Map<String, long[]> counts = new TreeMap<>();
    for (TableResult t : r.tables()) {
      long[] c = counts.computeIfAbsent(t.table().schema(), s -> new long[4]);
      c[0]++;
      c[1] += r.diverged(t) ? 1 : 0;
      c[2] += t.rows().rowsPrimary();
    }
    for (LeftOutTable t : r.leftOut()) {
      counts.computeIfAbsent(t.table().schema(), s -> new long[4])[3]++;
    }
    List<SchemaLine> lines = new ArrayList<>();
    counts.forEach((schema, c) -> lines.add(new SchemaLine(schema, c[0], c[1], c[2], c[3])));
    return lines;
  }

  /** The left-out tables by reason, in the reasons' order, each list by name. */
  static Map<LeftOutReason, List<LeftOutTable>> leftOut(RunResult r) {
    Map<LeftOutReason, List<LeftOutTable>> byReason = new EnumMap<>(LeftOutReason.class);
    for (LeftOutTable t : r.leftOut()) {
      byReason.computeIfAbsent(t.reason(), k -> new ArrayList<>()).add(t);
    }
    byReason
        .values()
        .forEach(list -> list.sort(Comparator.comparing(t -> t.table().unambiguous())));
    return byReason;
  }

  /** A left-out table as a name with its detail, e.g. {@code public.cache (on the replica)}. */
  static String leftOut(LeftOutTable t) {
    return t.table().unambiguous()
        + (t.detail() == null || t.detail().isBlank() ? "" : " (" + t.detail().strip() + ")");
  }

  /** What a reason means to an auditor. */
  static String reason(LeftOutReason reason) {
    return switch (reason) {
      case EXCLUDED -> "Excluded by a pattern";
      case NO_SELECT_PRIVILEGE -> "No SELECT privilege";
      case UNLOGGED -> "Unlogged (replication carries no rows)";
      case FOREIGN_TABLE -> "Foreign tables (rows on another server)";
      case MATERIALIZED_VIEW -> "Materialized views (compared only with --materialized-views)";
      case COMPARED_THROUGH_PARTITIONS -> "Partitioned (compared through their partitions)";
    };
  }

  /** The compared tables' names by schema, in the run's order, at most {@link #TABLES_NAMED}. */
  static Map<String, List<String>> chosen(RunResult r) {
    Map<String, List<String>> bySchema = new TreeMap<>();
    r.tables().stream()
        .limit(TABLES_NAMED)
        .forEach(
            t ->
                bySchema
                    .computeIfAbsent(t.table().schema(), s -> new ArrayList<>())
                    .add(t.table().unambiguous()));
    return bySchema;
  }

  /** Tables not fully compared. */
  static List<TableResult> unfinished(RunResult r) {
    return r.tables().stream()
        .filter(t -> t.status() == Status.INCOMPLETE || t.status() == Status.FAILED)
        .sorted(WORST_FIRST)
        .toList();
  }
}
