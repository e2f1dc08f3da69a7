package io.pgparity.demo;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.cli.Command;
import io.pgparity.verdict.ExitCode;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.VerifyLauncher;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code pgparity demo}: starts an embedded primary and replica, loads the auth schema, replays the
 * incident and runs verify on the result; the servers are stopped whatever happens.
 */
public final class DemoCommand implements Command {

  private static final String USAGE =
      "usage: pgparity demo [--users N] [--out DIR]\n"
          + "  --users N   users to load, with 3 sessions each ("
          + AuthSchema.MIN_USERS
          + " to "
          + AuthSchema.MAX_USERS
          + ", default 100000)\n"
          + "  --out DIR   where the run folder goes (default reports)";

  private final VerifyLauncher launcher;

  public DemoCommand(VerifyLauncher launcher) {
    this.launcher = checkNotNull(launcher, "launcher");
  }

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "start a primary and a replica, replay a replication incident, and verify them";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    int users = 100_000;
    Path outDir = Path.of("reports");
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (option.equals("--help") || option.equals("-h")) {
        out.println(USAGE);
        return ExitCode.CONSISTENT.code();
      }
      if (!option.equals("--users") && !option.equals("--out")) {
        return usage(
            err, "unknown option '" + arg + "'; allowed are --users N, --out DIR and --help");
      }
      String value =
          arg.contains("=")
              ? arg.substring(arg.indexOf('=') + 1)
              : (i + 1 < args.size() ? args.get(++i) : null);
      if (value == null || value.isBlank()) {
        return usage(err, option + " needs a value");
      }
      if (option.equals("--out")) {
        outDir = Path.of(value);
      } else {
        try {
          users = Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
          users = -1;
        }
        if (users < AuthSchema.MIN_USERS || users > AuthSchema.MAX_USERS) {
          return usage(
              err,
              String.format(
                  "--users must be between %d and %d but was '%s'",
                  AuthSchema.MIN_USERS, AuthSchema.MAX_USERS, value));
        }
      }
    }
    return demo(users, outDir, out, err);
  }

  private int demo(int users, Path outDir, PrintStream out, PrintStream err) {
    AuthSchema schema = new AuthSchema("public");
    out.println("Starting primary and replica\u2026");
    try (EmbeddedPair pair = EmbeddedPair.start()) {
      out.printf(Locale.ROOT, "Loading %d users and %d sessions\u2026%n", users, 3L * users);
      long started = System.nanoTime();
      schema.install(pair, users);
      out.printf(
          Locale.ROOT, "Loaded and replicated in %.1f s.%n", (System.nanoTime() - started) / 1e9);
      out.println(
          "Replaying the incident: replication stalls, writes go on, the replica drifts\u2026");
      IncidentSummary incident =
          new IncidentReplay(schema, IncidentReplay.DEFAULT_SEED).replay(pair);
      out.println(
          "The replica now differs in " + incident.divergentRows() + " rows (" + incident + ").");
      // a stalled replica gives INCOMPLETE (its lag cannot be waited out); after the incident the
      // replica is taken out of replication for forensics, as after a failover, and compared as it is
      pair.dropReplication(schema.publication());
      out.println("The replica is detached (subscription dropped, as after a failover) and compared as it stands.");
      out.println("Running verify\u2026");
      JobDefinition definition =
          new JobDefinition(
              "demo",
              new ConnectionSpec(pair.primaryUrl(), null),
              new ConnectionSpec(pair.replicaUrl(), null),
              List.of(TableSpec.of(schema.users()), TableSpec.of(schema.sessions())),
              Tuning.defaults(),
              outDir,
              null);
      RunOutcome outcome = launcher.launch(definition);
      out.println(outcome.verdict());
      return ExitCode.of(outcome.status()).code();
    } catch (RuntimeException e) {
      err.println("demo: " + e.getMessage());
      return ExitCode.RUNTIME_FAILURE.code();
    }
  }

  private static int usage(PrintStream err, String message) {
    err.println("demo: " + message);
    err.println(USAGE);
    return ExitCode.USAGE.code();
  }
}
