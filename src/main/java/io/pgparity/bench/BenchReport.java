package io.pgparity.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.cli.Version;
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

/** The benchmark's report: its settings and a markdown table, the same on the console and in the file. */
final class BenchReport {

  static final String HEADER =
      "| table | rows | case | floor s | verify (job) s | ratio | verify (process incl. start-up) s | ratio"
          + " | peak heap MiB |";
  static final String RULE = "|---|--:|---|--:|--:|--:|--:|--:|--:|";

  private static final DateTimeFormatter FILE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private BenchReport() {}

  /** The table, one line per case, ending with a newline. */
  static String markdown(List<CaseResult> results) {
    StringBuilder md = new StringBuilder(HEADER).append('\n').append(RULE).append('\n');
    for (CaseResult r : results) {
      md.append(String.format(
          Locale.ROOT,
          "| %s | %,d | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %d |\n",
          r.table().ref(),
          r.rows(),
          r.benchCase().label(),
          r.floorSeconds(),
          r.jobSeconds(),
          r.jobRatio(),
          r.processSeconds(),
          r.processRatio(),
          mebibytes(r.peakHeapBytes())));
    }
    return md.toString();
  }

  static long mebibytes(long bytes) {
    return Math.round(bytes / (1024.0 * 1024.0));
  }

  /** The settings a reader needs to compare two benchmark reports. */
  static String about(BenchOptions options) {
    String xmx = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-Xmx"))
        .reduce((first, second) -> second)
        .orElse("-Xmx not set (JVM default)");
    return String.format(Locale.ROOT,
        "pgparity %s; %,d rows per table, %d round(s); Java %s, %s, Runtime.maxMemory() %d MiB,"
            + " %d processors.\n\n"
            + "floor: SELECT count(*), sum(hash_record_extended(t, 0)) on both servers at once."
            + " verify (job): the table's seconds in summary.json; verify (process incl. start-up):"
            + " wall time of the launch, Spring context included. Ratios: median over rounds of verify/floor"
            + " of the same round (the divergent case reuses the identical case's floor rounds)."
            + " One untimed warm-up launch comes first.\n\n",
        Version.current(), options.rows(), options.rounds(), System.getProperty("java.version"), xmx,
        mebibytes(Runtime.getRuntime().maxMemory()), Runtime.getRuntime().availableProcessors());
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
