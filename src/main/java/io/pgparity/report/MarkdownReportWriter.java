package io.pgparity.report;

import static com.google.common.base.Preconditions.checkNotNull;
import static io.pgparity.report.MarkdownText.row;
import static io.pgparity.report.MarkdownText.text;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.compare.Divergence;
import io.pgparity.connect.ServerInfo;
import io.pgparity.files.AtomicFile;
import io.pgparity.finding.SchemaFinding;
import io.pgparity.sequence.SequenceResult;
import io.pgparity.table.TableRef;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes report.md, the human summary of a run: the verdict, then what differs (tables with
 * differences, most divergent rows first, with their schema findings; the database's findings and
 * sequences), one line per schema, the left-out and the compared tables, servers, and the first
 * divergences. Its length grows with what differs, not with the number of tables.
 */
public final class MarkdownReportWriter {

  /** The file name inside a run folder. */
  public static final String FILE_NAME = "report.md";

  /** How many divergences per table the report shows; the rest are in divergences.jsonl. */
  public static final int ROWS_PER_TABLE = 20;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /**
   * Writes the report atomically; {@code sample} holds the first divergences found (any order of
   * tables), of which the first {@value #ROWS_PER_TABLE} per table are shown.
   */
  public void write(RunResult result, List<Divergence> sample, Path file) {
    checkNotNull(result, "result");
    checkNotNull(file, "file");
    AtomicFile.write(file, render(result, sample == null ? List.of() : sample).getBytes(UTF_8));
  }

  static String render(RunResult r, List<Divergence> sample) {
    StringBuilder md = new StringBuilder(4096);
    md.append("# pgparity report: ").append(text(r.run().job())).append(" — ").append(r.status());
    md.append("\n\n").append(text(Verdict.finding(r))).append(".\n\n");
    if (r.note() != null) {
      md.append("**Note:** ").append(text(r.note())).append("\n\n");
    }
    md.append("- Run id: `").append(r.run().runId()).append("`\n");
    if (r.resumed() != null) {
      md.append("- Resumed from: `")
          .append(r.resumed().fromRunId())
          .append("` (")
          .append(r.resumed().reusedPartitions())
          .append(" of ")
          .append(r.resumed().partitions())
          .append(" hash partitions taken over)\n");
    }
    md.append("- Started: ").append(TIME.format(r.startedAt())).append('\n');
    md.append("- Finished: ").append(TIME.format(r.finishedAt()));
    md.append(" (").append(Verdict.seconds(r)).append(" s)\n");
    md.append("- pgparity version: ")
        .append(r.run().version() == null ? "unknown" : text(r.run().version()));
    ShardText.of(r).ifPresent(s -> md.append("\n- ").append(text(s)));
    // every block below ends with a blank line; what differs comes first, however many tables
    md.append("\n\n");
    tables(md, r);
    databaseFindings(md, r);
    sequences(md, r);
    MarkdownAudit.append(md, r.audit());
    schemas(md, r);
    leftOut(md, r);
    chosen(md, r);
    md.append("## Servers\n\n");
    row(md, "Role", "Host", "Database", "Version", "System identifier");
    row(md, "---", "---", "---", "---", "---");
    server(md, "primary", r.servers().primary());
    server(md, "replica", r.servers().replica());
    md.append('\n');
    replication(md, r.replication());
    notes(md, r);
    FirstDivergences.append(md, r, sample);
    md.append(
        String.format(Locale.ROOT, HOW_TO_READ, ROWS_PER_TABLE, MarkdownText.MAX_VALUE_CHARS));
    return md.toString();
  }

  private static void server(StringBuilder md, String role, ServerInfo s) {
    if (s == null) {
      row(md, role, "unknown", "", "", "");
    } else {
      row(
          md,
          role,
          text(s.host()),
          text(s.database()),
          text(s.serverVersion()),
          text(s.systemIdentifier()));
    }
  }

  private static void replication(StringBuilder md, ReplicationSummary r) {
    if (r == null) {
      return;
    }
    md.append("## Replication\n\n");
    md.append("- Replica: ")
        .append(text(r.description()))
        .append(" (")
        .append(r.kind())
        .append(")");
    if (r.detail() != null && !r.detail().isBlank()) {
      md.append(": ").append(text(r.detail()));
    }
    md.append('\n');
    if (r.lagAware()) {
      md.append(
          String.format(
              Locale.ROOT,
              "- Lag-aware: rows were compared only after the replica had passed the primary's WAL position;"
                  + " it was behind %d time(s), %.3f s in all, %.3f s at most, by at most %d bytes of WAL%n",
              r.waits(),
              r.totalWait().toMillis() / 1e3,
              r.longestWait().toMillis() / 1e3,
              r.largestLagBytes()));
    } else {
      md.append(
          "- Not lag-aware: the replica was read without waiting for it (independent copy, promoted"
              + " replica, or lag-aware: false)\n");
    }
    if (r.pauses() > 0) {
      md.append(
          String.format(
              Locale.ROOT,
              "- Paused %d time(s) for %.1f s while lag exceeded max-lag%n",
              r.pauses(),
              r.paused().toMillis() / 1e3));
    }
    if (!r.rateThrottled().isZero()) {
      md.append(
          String.format(
              Locale.ROOT,
              "- Held back %.1f s by rows-per-second%n",
              r.rateThrottled().toMillis() / 1e3));
    }
    if (r.retries() > 0) {
      md.append("- Transient failures retried: ").append(r.retries()).append('\n');
    }
    if (r.physicalStandby()) {
      md.append(
          "- A hot standby is read-only and replays the primary byte for byte: divergent rows there cannot be"
              + " repaired row by row. Re-clone it (pg_basebackup) or rewind it (pg_rewind), and find out why it"
              + " diverged.\n");
    }
    md.append('\n');
  }

  /**
   * The tables with differences, most divergent rows first, each followed by its schema findings;
   * the tables without any are only counted here.
   */
  private static void tables(StringBuilder md, RunResult r) {
    md.append("## Tables with differences\n\n");
    if (r.tables().isEmpty()) {
      md.append("No table was compared.\n\n");
      return;
    }
    List<TableResult> different = RunOverview.withDifferences(r);
    int same = r.tables().size() - different.size();
    if (different.isEmpty()) {
      md.append("None: all ").append(r.tables().size()).append(" compared tables agree.\n\n");
      return;
    }
    row(
        md,
        "Table",
        "Status",
        "Rows primary",
        "Rows replica",
        "Ranges",
        "Missing",
        "Extra",
        "Changed",
        "Converged",
        "Unstable",
        "Seconds");
    row(md, "---", "---", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:");
    for (TableResult t : different) {
      row(
          md,
          text(t.table().unambiguous()),
          t.status().name(),
          Long.toString(t.rows().rowsPrimary()),
          Long.toString(t.rows().rowsReplica()),
          Integer.toString(t.rows().ranges()),
          Long.toString(t.differences().missingOnReplica()),
          Long.toString(t.differences().extraOnReplica()),
          Long.toString(t.differences().changed()),
          Long.toString(t.rechecks().converged()),
          Long.toString(t.rechecks().unstable()),
          String.format(Locale.ROOT, "%.3f", t.seconds()));
    }
    md.append('\n');
    if (same > 0) {
      md.append("The other ")
          .append(same)
          .append(same == 1 ? " compared table agrees" : " compared tables agree")
          .append(" (counted by schema below; each is in `summary.json`).\n\n");
    }
    Map<TableRef, List<SchemaFinding>> byTable = r.findingsByTable();
    for (TableResult t : different) {
      List<String> findings = RunOverview.findings(t, byTable);
      if (!findings.isEmpty()) {
        md.append("### Schema findings of ").append(text(t.table().unambiguous())).append("\n\n");
        findings.forEach(f -> md.append("- ").append(text(f)).append('\n'));
        md.append('\n');
      }
    }
  }

  /** Findings of the whole database, and of tables the run did not compare. */
  private static void databaseFindings(StringBuilder md, RunResult r) {
    md.append("## Schema findings of the database\n\n");
    List<SchemaFinding> wide =
        r.schemaFindings().stream().filter(SchemaFinding::databaseWide).toList();
    Map<TableRef, List<SchemaFinding>> other = RunOverview.findingsOfOtherTables(r);
    if (wide.isEmpty() && other.isEmpty()) {
      md.append("None.\n\n");
      return;
    }
    wide.forEach(f -> md.append("- ").append(text(RunOverview.finding(f))).append('\n'));
    other.forEach(
        (table, findings) ->
            findings.forEach(
                f ->
                    md.append("- ")
                        .append(text(table.unambiguous()))
                        .append(": ")
                        .append(text(RunOverview.finding(f)))
                        .append('\n')));
    md.append('\n');
  }

  private static void sequences(StringBuilder md, RunResult r) {
    if (r.sequences().isEmpty()) {
      return;
    }
    md.append("## Sequences\n\n");
    List<SequenceResult> shown = RunOverview.sequencesShown(r);
    long same = r.sequences().size() - shown.size();
    md.append(r.sequences().size())
        .append(" compared: ")
        .append(r.divergentSequences())
        .append(" divergent, ")
        .append(same)
        .append(" the same on both sides.\n\n");
    shown.forEach(
        s ->
            md.append("- ")
                .append(s.divergent() ? "**DIVERGENT** " : "")
                .append(text(RunOverview.sequence(s)))
                .append('\n'));
    md.append(shown.isEmpty() ? "" : "\n");
  }

  private static void schemas(StringBuilder md, RunResult r) {
    List<RunOverview.SchemaLine> lines = RunOverview.schemas(r);
    if (lines.isEmpty()) {
      return;
    }
    md.append("## Schemas\n\n");
    row(md, "Schema", "Tables compared", "Diverged", "Rows compared", "Left out");
    row(md, "---", "--:", "--:", "--:", "--:");
    for (RunOverview.SchemaLine line : lines) {
      row(
          md,
          text(line.schema()),
          Long.toString(line.compared()),
          Long.toString(line.diverged()),
          Long.toString(line.rows()),
          Long.toString(line.leftOut()));
    }
    md.append('\n');
  }

  private static void leftOut(StringBuilder md, RunResult r) {
    if (r.leftOut().isEmpty()) {
      return;
    }
    md.append("## Left out\n\n");
    md.append(r.leftOut().size()).append(" tables the selection matched were not compared:\n\n");
    RunOverview.leftOut(r)
        .forEach(
            (reason, tables) -> {
              md.append("- ").append(text(RunOverview.reason(reason))).append(" (");
              md.append(tables.size()).append("): ");
              md.append(
                  tables.stream()
                      .limit(RunOverview.LEFT_OUT_NAMED)
                      .map(t -> text(RunOverview.leftOut(t)))
                      .collect(Collectors.joining(", ")));
              if (tables.size() > RunOverview.LEFT_OUT_NAMED) {
                md.append(" and ")
                    .append(tables.size() - RunOverview.LEFT_OUT_NAMED)
                    .append(" more (all are in `summary.json`)");
              }
              md.append('\n');
            });
    md.append('\n');
  }

  /** Every compared table by name, so an auditor sees what the run covered. */
  private static void chosen(StringBuilder md, RunResult r) {
    if (r.tables().isEmpty()) {
      return;
    }
    md.append("## Tables compared\n\n");
    RunOverview.chosen(r)
        .forEach(
            (schema, names) ->
                md.append("- ")
                    .append(text(schema))
                    .append(": ")
                    .append(
                        names.stream().map(MarkdownText::text).collect(Collectors.joining(", ")))
                    .append('\n'));
    if (r.tables().size() > RunOverview.TABLES_NAMED) {
      md.append("- and ")
          .append(r.tables().size() - RunOverview.TABLES_NAMED)
          .append(" more (all are in `summary.json`)\n");
    }
    md.append('\n');
  }

  private static void notes(StringBuilder md, RunResult r) {
    List<TableResult> unfinished = RunOverview.unfinished(r);
    if (unfinished.isEmpty()) {
      return;
    }
    md.append("## Notes\n\n");
    for (TableResult t : unfinished) {
      md.append("- **").append(text(t.table().unambiguous())).append("** (").append(t.status());
      md.append("): ").append(text(note(t)));
      md.append('\n');
    }
    md.append('\n');
  }

  // notes usually start with their table's name, which the list item already shows
  static String note(TableResult t) {
    String note = t.note();
    if (note == null || note.isBlank()) {
      return "no details recorded; see the log";
    }
    for (String prefix : List.of(t.table().unambiguous() + ": ", t.table() + ": ")) {
      if (note.startsWith(prefix)) {
        return note.substring(prefix.length());
      }
    }
    return note;
  }

  private static final String HOW_TO_READ =
      """
      ## How to read this report

      - **MISSING_ON_REPLICA**: the primary has a row with this key, the replica does not.
      - **EXTRA_ON_REPLICA**: the replica has a row with this key, the primary does not.
      - **CHANGED**: both servers have the key, but the listed columns hold different values.
      - Values are PostgreSQL's text output, read under TimeZone=UTC and DateStyle=ISO (bytea as \
      hex, floats exact), so equal text means equal data. *null* is SQL NULL, *empty* an empty \
      string; line breaks show as `\\n` and values over %2$d characters are cut with "…".
      - **Converged** rows differed while a write was in flight and were equal once the replica \
      had caught up: not divergences. **Unstable** rows changed on the primary at every recheck (or \
      lie within the settle window): they could not be judged and make the table INCOMPLETE. Both \
      are listed by key in `rechecks.jsonl`.
      - This report shows at most %1$d rows per table. Every divergent row, with all its \
      values, is in `divergences.jsonl` (one JSON object per line); `divergences.csv` lists their \
      keys and `summary.json` holds the counts for tools.
      - Exit codes: 0 consistent, 1 divergent, 2 usage or configuration error, 3 runtime failure \
      (connection, permission, SQL), 4 incomplete (some tables were not fully compared), 6 the data \
      is consistent but the replication audit has findings.
      """;
}
