package io.pgparity.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.version.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's report: its settings and a markdown table, the same on the console and in the
 * file.
 */
final class BenchReport {

  static final String HEADER =
      "| table | rows | case | floor s | verify (job) s | ratio | of which hash+diff s"
          + " | verify (process incl. start-up) s | ratio | peak heap MiB | plain verify (job) s"
          + " | lag-aware/plain (job) | plain verify (process) s | lag-aware/plain (process) |";
  static final String RULE = "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|";

  /** Issue 3: lag-awareness may cost an idle replica less than 10% over the plain run. */
  static final double LAG_TARGET = 1.10;

  private static final DateTimeFormatter FILE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private BenchReport() {}

  /**
   * The table, one line per case, then the lag-awareness overhead when measured; ends with a
   * newline.
   */
  static String markdown(List<CaseResult> results) {
    StringBuilder md = new StringBuilder(HEADER).append('\n').append(RULE).append('\n');
    for (CaseResult r : results) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %s |\n",
              r.table().ref(),
              r.rows(),
              r.benchCase().label(),
              r.floorSeconds(),
              r.jobSeconds(),
              r.jobRatio(),
              r.hashDiffSeconds(),
              r.processSeconds(),
              r.processRatio(),
              mebibytes(r.peakHeapBytes()),
              r.compared()
                  ? String.format(
                      Locale.ROOT,
                      "%.2f | %.2f | %.2f | %.2f",
                      r.plainJobSeconds(),
                      r.lagJobRatio(),
                      r.plainProcessSeconds(),
                      r.lagProcessRatio())
                  : "- | - | - | -"));
    }
    return md.append(lagOverhead(results)).toString();
  }

  /**
   * One paragraph with the largest lag-aware/plain ratio over the cases against issue 3's target,
   * or nothing when the plain runs were skipped.
   */
  static String lagOverhead(List<CaseResult> results) {
    List<CaseResult> compared = results.stream().filter(CaseResult::compared).toList();
    if (compared.isEmpty()) {
      return "";
    }
    double job = compared.stream().mapToDouble(CaseResult::lagJobRatio).max().orElseThrow();
    double process = compared.stream().mapToDouble(CaseResult::lagProcessRatio).max().orElseThrow();
    return String.format(
        Locale.ROOT,
        "\nLag-aware over plain verify on the idle linked replica, largest over the cases: %.2f (job),"
            + " %.2f (process); target: under %.2f, %s.\n",
        job,
        process,
        LAG_TARGET,
        job < LAG_TARGET && process < LAG_TARGET ? "met" : "not met");
  }

  static long mebibytes(long bytes) {
    return Math.round(bytes / (1024.0 * 1024.0));
  }

  /** The settings a reader needs to compare two benchmark reports. */
  static String about(BenchOptions options) {
    String xmx =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-Xmx"))
            .reduce((first, second) -> second)
            .orElse("-Xmx not set (JVM default)");
    return String.format(
        Locale.ROOT,
        "pgparity %s; %,d rows per table, %d round(s); Java %s, %s, Runtime.maxMemory() %d MiB,"
            + " %d processors.\n\n"
            + "floor: SELECT count(*), sum(hash_record_extended(t, 0)) on both servers at once, connections"
            + " already open. verify (job): the whole verify job as the launcher runs it, its execution's"
            + " start to end in the job repository: every step, i.e. planRanges (connecting, both servers'"
            + " facts, the replication probe, discovery and catalog reads, key sampling), auditReplication,"
            + " compareSchemaObjects, hashRanges (with lag waits), diffRows (with rechecks),"
            + " compareSequences and writeReports; the progress lines give each"
            + " step's time. of which hash+diff: the table's seconds in summary.json, hashing and diffing"
            + " only. verify (process incl. start-up): wall time of the launch, the JVM's Spring context"
            + " start included. Ratios: median over rounds of verify/floor of the same round (the divergent"
            + " case reuses the identical case's floor rounds). One untimed warm-up launch comes first.\n\n"
            + "Checked, or bench fails without ratios: every identical run is CONSISTENT and reports no row;"
            + " every divergent run is DIVERGENT and its divergences.jsonl lists exactly the injected rows by"
            + " key and kind, each once; no run counts a row in flight; the floor agrees on identical"
            + " tables.\n\n"
            + "The replica is linked to the primary by logical replication, set up after the load without"
            + " copying (publication and subscription %s); the primary stays idle and the drift is"
            + " written on the replica. %s\n\n",
        Version.current(),
        options.rows(),
        options.rounds(),
        System.getProperty("java.version"),
        xmx,
        mebibytes(Runtime.getRuntime().maxMemory()),
        Runtime.getRuntime().availableProcessors(),
        BenchData.PUBLICATION,
        lagRuns(options.lagCompare()));
  }

  private static String lagRuns(boolean compare) {
    return compare
        ? "Each round runs verify lag-aware (the default; the verify columns and their floor ratios) and plain"
            + " (lag-aware off), alternating which goes first; lag-aware/plain: median over rounds of"
            + " the same round's ratio."
        : "Only lag-aware verify (the default) is timed (--no-lag-compare).";
  }

  /** Writes {@code text} to {@code <out>/bench/<UTC start time>.md} and returns that file. */
  static Path write(Path out, Instant started, String text) {
    Path file = out.resolve(TimedVerify.JOB_NAME).resolve(FILE_STAMP.format(started) + ".md");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
