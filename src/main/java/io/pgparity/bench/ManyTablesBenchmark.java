package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.VerifyLauncher;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The many-tables case on a pair of servers: loads the seeded tables identically on both and links
 * them by logical replication, then in interleaved rounds times the floor (one query per table, and
 * one UNION ALL query per server), verify of all the tables in this JVM, and verify's fixed
 * start-up as a process of its own on one 100-row table. Every measurement is checked; a wrong
 * result ends the bench with a {@link BenchCheckException}. The servers come from {@code servers};
 * with {@code stopServers} they are stopped afterwards, otherwise (a shared pair) the case's
 * subscription, publication and schemas are dropped.
 */
final class ManyTablesBenchmark {

  private final VerifyLauncher launcher;
  private final Supplier<EmbeddedPair> servers;
  private final boolean stopServers;
  private final Supplier<List<String>> javaCommand;

  ManyTablesBenchmark(
      VerifyLauncher launcher,
      Supplier<EmbeddedPair> servers,
      boolean stopServers,
      Supplier<List<String>> javaCommand) {
    this.launcher = checkNotNull(launcher, "launcher");
    this.servers = checkNotNull(servers, "servers");
    this.stopServers = stopServers;
    this.javaCommand = checkNotNull(javaCommand, "javaCommand");
  }

  /** Two embedded servers of its own, stopped at the end; start-up timed with this JVM's java. */
  static ManyTablesBenchmark ownServers(VerifyLauncher launcher) {
    return new ManyTablesBenchmark(launcher, EmbeddedPair::start, true, VerifyStartup::thisJava);
  }

  ManyTablesResult measure(ManyTablesOptions options, PrintStream out, PrintStream err) {
    out.println("Starting two embedded PostgreSQL servers\u2026");
    EmbeddedPair pair = servers.get();
    ManyTablesData data = new ManyTablesData(pair);
    try {
      return measure(pair, data, options, out);
    } finally {
      if (stopServers) {
        pair.close();
      } else {
        dropFrom(data, err);
      }
    }
  }

  // a failed clean-up must not hide why the benchmark ended
  private static void dropFrom(ManyTablesData data, PrintStream err) {
    try {
      data.drop();
    } catch (RuntimeException e) {
      err.println(
          "warning: could not drop the many-tables case's subscription, publication or schemas: "
              + e.getMessage());
    }
  }

  private ManyTablesResult measure(
      EmbeddedPair pair, ManyTablesData data, ManyTablesOptions options, PrintStream out) {
    ManyTables tables = ManyTables.of(options.tableCount(), options.seed());
    out.printf(
        Locale.ROOT,
        "Loading %,d tables (%,d rows, %d to %d per table, seed %d) into schema %s on both servers\u2026%n",
        tables.tables().size(),
        tables.totalRows(),
        ManyTables.MIN_ROWS,
        ManyTables.MAX_ROWS,
        tables.seed(),
        ManyTables.SCHEMA);
    long loadStart = System.nanoTime();
    data.load(tables);
    out.printf(
        Locale.ROOT,
        "Loaded in %.1f s (both servers in parallel, incl. primary keys and VACUUM ANALYZE).%n",
        (System.nanoTime() - loadStart) / 1e9);
    long linkStart = System.nanoTime();
    data.link(tables);
    out.printf(
        Locale.ROOT,
        "Linked the replica to the primary by logical replication without copying (subscription %s)"
            + " in %.1f s; it is streaming.%n",
        ManyTablesData.PUBLICATION,
        (System.nanoTime() - linkStart) / 1e9);
    ManyTablesFloor floor = new ManyTablesFloor(pair.primary(), pair.replica());
    ManyTablesVerify verify =
        new ManyTablesVerify(
            launcher,
            pair.primaryUrl(),
            pair.replicaUrl(),
            options.out(),
            BatchJobClock.inMemory());
    VerifyStartup startup =
        options.startup()
            ? new VerifyStartup(
                javaCommand.get(), pair.primaryUrl(), pair.replicaUrl(), options.out())
            : null;
    // the first launch in a JVM loads Spring's classes; that one-time cost would skew round 1
    long warmUpStart = System.nanoTime();
    verify.run(tables);
    out.printf(
        Locale.ROOT,
        "Warm-up verify of the %,d tables (cold JVM, not counted): %.1f s.%n",
        tables.tables().size(),
        (System.nanoTime() - warmUpStart) / 1e9);
    List<Double> floors = new ArrayList<>();
    List<Double> unions = new ArrayList<>();
    List<Double> jobs = new ArrayList<>();
    List<Double> launches = new ArrayList<>();
    List<VerifyStartup.Launch> startups = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      // alternating which floor goes first, so neither always reads what the other just cached
      double perTable;
      double union;
      if (round % 2 == 1) {
        perTable = floor.measure(tables, ManyTablesFloor.Mode.PER_TABLE);
        union = floor.measure(tables, ManyTablesFloor.Mode.UNION_ALL);
      } else {
        union = floor.measure(tables, ManyTablesFloor.Mode.UNION_ALL);
        perTable = floor.measure(tables, ManyTablesFloor.Mode.PER_TABLE);
      }
      ManyTablesVerify.Run run = verify.run(tables);
      floors.add(perTable);
      unions.add(union);
      jobs.add(run.job().seconds());
      launches.add(run.launchSeconds());
      String line =
          String.format(
              Locale.ROOT,
              "  round %d: floor %.2f s, floor (UNION ALL) %.2f s, verify (job) %.2f s (steps: %s),"
                  + " verify (launch in this JVM) %.2f s",
              round,
              perTable,
              union,
              run.job().seconds(),
              run.job().stepsText(),
              run.launchSeconds());
      if (startup != null) {
        VerifyStartup.Launch launch =
            startup.run(ManyTables.startupTable().ref(), ManyTables.STARTUP_ROWS);
        startups.add(launch);
        line += String.format(Locale.ROOT, ", start-up process %.2f s", launch.seconds());
      }
      out.println(line + "; " + ManyTablesReport.load());
    }
    return new ManyTablesResult(
        tables.tables().size(), tables.totalRows(), floors, unions, jobs, launches, startups);
  }
}
