package io.pgparity.report;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.verdict.Status;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToLongFunction;

/** The one line a run prints last: its status, what it found and where its files are. */
public final class Verdict {

  /** How many audit findings the verdict line names; report.md and summary.json list them all. */
  static final int AUDIT_FINDINGS_NAMED = 3;

  private Verdict() {}

  /**
   * E.g. {@code CONSISTENT: 2 tables, 400000 rows compared, 0 divergent (12.3 s); report:
   * reports/auth/20261125T120000Z-1a2b}. Replication audit findings follow the status when the data
   * is consistent ({@code CONSISTENT (1 audit finding: UNEXPECTED_SETTING synchronous_commit on the
   * replica): ...}), else the finding.
   */
  public static String line(RunResult r) {
    checkNotNull(r, "result");
    String folder = r.runFolder() == null ? "" : "; report: " + r.runFolder();
    if (r.auditFindings() == 0) {
      return r.status() + ": " + finding(r) + sharding(r) + folder;
    }
    String audit = r.audit().headline(AUDIT_FINDINGS_NAMED);
    // consistent data with audit findings exits 6: the reason belongs next to the status
    return r.status() == Status.CONSISTENT
        ? r.status() + " (" + audit + "): " + finding(r) + sharding(r) + folder
        : r.status() + ": " + finding(r) + sharding(r) + "; " + audit + folder;
  }

  /** What the run found, without status and folder; report.md uses it as its headline. */
  static String finding(RunResult r) {
    return tables(r) + wholeDatabase(r);
  }

  /**
   * What the run found beyond rows, when anything: e.g. {@code ; 2 divergent schema findings, 1
   * advisory; 1 divergent sequence; 3 tables left out}. Divergent findings and sequences are what
   * make a run whose rows agree DIVERGENT, so the line says so.
   */
  static String wholeDatabase(RunResult r) {
    StringBuilder more = new StringBuilder();
    long divergent = r.divergentFindings();
    long advisory = r.schemaFindings().size() - divergent;
    if (divergent > 0) {
      more.append("; ").append(plural(divergent, "divergent schema finding"));
      more.append(advisory > 0 ? ", " + advisory + " advisory" : "");
    } else if (advisory > 0) {
      more.append("; ").append(plural(advisory, "advisory schema finding"));
    }
    if (r.divergentSequences() > 0) {
      more.append("; ").append(plural(r.divergentSequences(), "divergent sequence"));
    }
    if (r.tablesNotCompared() > 0) {
      more.append("; ").append(plural(r.tablesNotCompared(), "table")).append(" left out");
    }
    return more.toString();
  }

  private static String tables(RunResult r) {
    int tables = r.tables().size();
    return switch (r.status()) {
      case CONSISTENT ->
          String.format(
              Locale.ROOT,
              "%s, %d rows compared, %d divergent%s (%s s)",
              plural(tables, "table"),
              r.rowsCompared(),
              r.divergentRows(),
              converged(r),
              seconds(r));
      case DIVERGENT ->
          String.format(
              Locale.ROOT,
              "%s in %d of %s (missing %d, extra %d, changed %d)",
              plural(r.divergentRows(), "divergent row"),
              r.tables().stream().filter(t -> t.divergentRows() > 0).count(),
              plural(tables, "table"),
              sum(r, t -> t.differences().missingOnReplica()),
              sum(r, t -> t.differences().extraOnReplica()),
              sum(r, t -> t.differences().changed()));
      case INCOMPLETE -> {
        long unfinished =
            r.tables().stream()
                .filter(t -> t.status() == Status.INCOMPLETE || t.status() == Status.FAILED)
                .count();
        String found =
            r.divergentRows() > 0
                ? ", " + plural(r.divergentRows(), "divergent row") + " found so far"
                : "";
        yield String.format(
                Locale.ROOT, "%d of %s not fully compared", unfinished, plural(tables, "table"))
            + found
            + cause(r, Status.INCOMPLETE);
      }
      case FAILED -> {
        long failed = r.tables().stream().filter(t -> t.status() == Status.FAILED).count();
        yield failed == 0
            ? "the run failed before any table reported a cause; see the log"
            : String.format(Locale.ROOT, "%d of %s failed", failed, plural(tables, "table"))
                + cause(r, Status.FAILED);
      }
    };
  }

  /**
   * {@code ; shard 1/3} for a shard, {@code ; merged from 3 shards} for a merged run, else empty.
   */
  static String sharding(RunResult r) {
    if (r.sharding().shard() != null) {
      return "; shard " + r.sharding().shard().label();
    }
    return r.sharding().shards().isEmpty()
        ? ""
        : "; merged from " + plural(r.sharding().shards().size(), "shard");
  }

  // rows in flight that converged on recheck: worth a mention on a live replica, noise otherwise
  private static String converged(RunResult r) {
    long converged = sum(r, t -> t.rechecks().converged());
    return converged == 0 ? "" : ", " + converged + " in flight (converged on recheck)";
  }

  /** The run's wall time in seconds with one decimal, e.g. {@code 12.3}. */
  static String seconds(RunResult r) {
    long millis = Math.max(0, Duration.between(r.startedAt(), r.finishedAt()).toMillis());
    return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
  }

  // the first table with this status explains the verdict; its note usually starts with its name
  private static String cause(RunResult r, Status status) {
    Optional<TableResult> first = r.tables().stream().filter(t -> t.status() == status).findFirst();
    if (first.isEmpty()) {
      return "";
    }
    String table = first.get().table().unambiguous();
    String note = first.get().note();
    if (note == null || note.isBlank()) {
      return " (" + table + ": no details recorded; see the log)";
    }
    note = note.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    if (note.startsWith(table)) {
      return " (" + note + ")";
    }
    // a note that names its table the old way, unquoted: the name as run files write it instead
    String unquoted = first.get().table().toString();
    return " ("
        + (note.startsWith(unquoted)
            ? table + note.substring(unquoted.length())
            : table + ": " + note)
        + ")";
  }

  private static long sum(RunResult r, ToLongFunction<TableResult> count) {
    return r.tables().stream().mapToLong(count).sum();
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
