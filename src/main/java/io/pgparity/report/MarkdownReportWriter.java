package io.pgparity.report;

import static com.google.common.base.Preconditions.checkNotNull;
import static io.pgparity.report.MarkdownText.row;
import static io.pgparity.report.MarkdownText.text;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.compare.Divergence;
import io.pgparity.connect.ServerInfo;
import io.pgparity.files.AtomicFile;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Writes report.md, the human summary of a run: verdict, servers, tables, first divergences. */
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
    // every block below ends with a blank line
    md.append("\n\n## Servers\n\n");
    row(md, "Role", "Host", "Database", "Version", "System identifier");
    row(md, "---", "---", "---", "---", "---");
    server(md, "primary", r.servers().primary());
    server(md, "replica", r.servers().replica());
    md.append('\n');
    replication(md, r.replication());
    MarkdownAudit.append(md, r.audit());
    tables(md, r);
    findings(md, r);
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

  private static void tables(StringBuilder md, RunResult r) {
    md.append("## Tables\n\n");
    if (r.tables().isEmpty()) {
      md.append("No table was compared.\n\n");
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
    for (TableResult t : r.tables()) {
      row(
          md,
          text(t.table().toString()),
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
  }

  private static void findings(StringBuilder md, RunResult r) {
    md.append("## Schema findings\n\n");
    List<TableResult> withFindings =
        r.tables().stream().filter(t -> !t.schemaFindings().isEmpty()).toList();
    if (withFindings.isEmpty()) {
      md.append("None.\n\n");
    }
    for (TableResult t : withFindings) {
      md.append("### ").append(text(t.table().toString())).append("\n\n");
      t.schemaFindings().forEach(f -> md.append("- ").append(text(f)).append('\n'));
      md.append('\n');
    }
  }

  private static void notes(StringBuilder md, RunResult r) {
    List<TableResult> unfinished =
        r.tables().stream()
            .filter(t -> t.status() == Status.INCOMPLETE || t.status() == Status.FAILED)
            .toList();
    if (unfinished.isEmpty()) {
      return;
    }
    md.append("## Notes\n\n");
    for (TableResult t : unfinished) {
      md.append("- **").append(text(t.table().toString())).append("** (").append(t.status());
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
    String prefix = t.table() + ": ";
    return note.startsWith(prefix) ? note.substring(prefix.length()) : note;
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
