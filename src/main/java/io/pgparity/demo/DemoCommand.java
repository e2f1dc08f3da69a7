package io.pgparity.demo;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.cli.AbstractCommand;
import io.pgparity.cli.Example;
import io.pgparity.cli.ExitCodeHelp;
import io.pgparity.cli.HelpOption;
import io.pgparity.cli.Range;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.VerifyLauncher;
import io.pgparity.verdict.ExitCode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code pgparity demo}: starts an embedded primary and replica, loads the auth schema, replays the
 * incident and runs verify on the result; the servers are stopped whatever happens.
 */
@CommandLine.Command(
    name = "demo",
    description = "start a primary and a replica, replay a replication incident, and verify them",
    sortOptions = false,
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n")
public final class DemoCommand extends AbstractCommand {

  private final VerifyLauncher launcher;

  @Option(
      names = "--users",
      paramLabel = "N",
      description =
          "users to load, with 3 sessions each ("
              + AuthSchema.MIN_USERS
              + " to "
              + AuthSchema.MAX_USERS
              + ", default 100000)")
  @Range(min = AuthSchema.MIN_USERS, max = AuthSchema.MAX_USERS)
  @Example("--users 100000")
  private int users = 100_000;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where the run folder goes (default reports)")
  @Example("--out reports")
  private Path outDir = Path.of("reports");

  @CommandLine.Mixin private HelpOption help;

  public DemoCommand(VerifyLauncher launcher) {
    this.launcher = checkNotNull(launcher, "launcher");
  }

  @Override
  public Map<ExitCode, String> exitCodes() {
    return ExitCodeHelp.of(
        Map.of(),
        ExitCode.CONSISTENT,
        ExitCode.DIVERGENT,
        ExitCode.USAGE,
        ExitCode.RUNTIME_FAILURE,
        ExitCode.INCOMPLETE);
  }

  @Override
  public Integer call() {
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
      // replica is taken out of replication for forensics, as after a failover, and compared as it
      // is
      pair.dropReplication(schema.publication());
      out.println(
          "The replica is detached (subscription dropped, as after a failover) and compared as it stands.");
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
}
