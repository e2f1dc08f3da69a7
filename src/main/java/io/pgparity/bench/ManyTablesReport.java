package io.pgparity.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.version.Version;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The many-tables case's report, the same on the console and in the file. */
final class ManyTablesReport {

  static final String HEADER =
      "| tables | rows | floor s | floor (UNION ALL) s | verify (job) s | job/floor"
          + " | job/floor (UNION ALL) | verify (launch in this JVM) s |";
  static final String RULE = "|--:|--:|--:|--:|--:|--:|--:|--:|";

  private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");

  private ManyTablesReport() {}

  /** The table, the target line and the start-up line; ends with a newline. */
  static String markdown(ManyTablesResult r) {
    StringBuilder md = new StringBuilder(HEADER).append('\n').append(RULE).append('\n');
    md.append(
        String.format(
            Locale.ROOT,
            "| %,d | %,d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n",
            r.tableCount(),
            r.rows(),
            Medians.median(r.floor()),
            Medians.median(r.floorUnion()),
            Medians.median(r.job()),
            r.jobRatio(),
            r.jobUnionRatio(),
            Medians.median(r.launch())));
    md.append(
        String.format(
            Locale.ROOT,
            "\nverify (job) over the floor: %.2f; target: at most %.2f, %s.\n",
            r.jobRatio(),
            ManyTablesResult.TARGET,
            r.jobRatio() <= ManyTablesResult.TARGET ? "met" : "not met"));
    if (r.startup().isEmpty()) {
      md.append("\nThe start-up process was not timed (--no-startup).\n");
    } else {
      md.append(
          String.format(
              Locale.ROOT,
              "\nFixed start-up of a verify process (verify of one %d-row table, launch to exit, median"
                  + " of %d): %.2f s; of which launch to the Spring context's start (JVM, class loading,"
                  + " command line) %s, the Spring context %s (creating the job repository's schema %s),"
                  + " context ready to exit (the job on %d rows, reports, exit) %s.\n",
              ManyTables.STARTUP_ROWS,
              r.startup().size(),
              r.startupMedian(VerifyStartup.Launch::seconds),
              seconds(r.startupMedian(VerifyStartup.Launch::toContext)),
              seconds(r.startupMedian(VerifyStartup.Launch::context)),
              millis(r.startupMedian(VerifyStartup.Launch::schemaMillis)),
              ManyTables.STARTUP_ROWS,
              seconds(r.startupMedian(VerifyStartup.Launch::afterContext))));
    }
    return md.toString();
  }

  private static String seconds(double value) {
    return Double.isNaN(value) ? "n/a (not logged)" : String.format(Locale.ROOT, "%.2f s", value);
  }

  private static String millis(double value) {
    return Double.isNaN(value) ? "n/a (not logged)" : String.format(Locale.ROOT, "%.0f ms", value);
  }

  /**
   * The machine's load as the round ended, so that figures from a busy machine can be told apart.
   */
  static String load() {
    try {
      String[] fields = Files.readString(LOAD_AVERAGE, UTF_8).strip().split("\\s+");
      return "load average " + fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return load < 0
          ? "load average unknown"
          : String.format(Locale.ROOT, "load average %.2f", load);
    }
  }

  /** The settings and definitions a reader needs; ends with a blank line. */
  static String about(ManyTablesOptions options) {
    return String.format(
        Locale.ROOT,
        "pgparity %s; many-tables case: %,d tables of %d to %d rows (seed %d; shapes: bigint key with"
            + " text and numeric, uuid key with timestamptz and jsonb, (int, int) key with boolean and text),"
            + " %d round(s); Java %s, %d processors, %s at the start.\n\n"
            + "floor: SELECT count(*), sum(hash_record_extended(t, 0)) FROM t for every table, on both"
            + " servers at once, one connection per server (already open), tables in sequence; floor"
            + " (UNION ALL): the same queries as one UNION ALL query per server. verify (job): verify of"
            + " the case's schema (as --schema bench_many selects it) in this JVM, its job execution's start to end in the"
            + " job repository, every step included; verify (launch in this JVM): the launch's wall time,"
            + " the Spring context of the run included. Ratios: median over rounds of the same round's"
            + " ratio. One untimed warm-up verify comes first. The start-up process: java -jar"
            + " pgparity.jar verify of one 100-row table in schema %s as a process of its own, its"
            + " default job repository (an H2 file under --out) included.\n\n"
            + "Checked, or bench fails without ratios: both floors count every table's planned rows on"
            + " both servers with the same hash sum; every verify is CONSISTENT, its summary.json lists"
            + " exactly the case's tables, each CONSISTENT with its planned rows on both servers, rows"
            + " compared is their sum, no row is divergent, converged or unstable, divergences.jsonl is"
            + " empty; the start-up process exits 0 with CONSISTENT and 100 rows compared.\n\n",
        Version.current(),
        options.tableCount(),
        ManyTables.MIN_ROWS,
        ManyTables.MAX_ROWS,
        options.seed(),
        options.rounds(),
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        load(),
        ManyTables.STARTUP_SCHEMA);
  }
}
