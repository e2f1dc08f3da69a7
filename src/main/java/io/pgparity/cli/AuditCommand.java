package io.pgparity.cli;

import io.pgparity.audit.AuditReport;
import io.pgparity.audit.Auditor;
import io.pgparity.config.ConfigException;
import io.pgparity.config.ExpectKeys;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.JobFileLoader;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.connect.ServerPool;
import io.pgparity.connect.Side;
import io.pgparity.verdict.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code pgparity audit}: reads the replication state and the durability settings of both servers,
 * prints the report and the verdict last. Exit 0 no findings, 6 findings, 2 usage, 3 failure.
 */
@CommandLine.Command(
    name = "audit",
    description = "audit replication state and durability settings of the primary and the replica",
    customSynopsis = {
      "pgparity audit --job FILE [--primary URL] [--replica URL] [--expect S=V]... [--out DIR]",
      "       pgparity audit --primary URL --replica URL [--expect S=V]... [--out DIR]"
    },
    sortOptions = false,
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Reads the replication state (pg_stat_replication, pg_replication_slots, pg_stat_wal_receiver,"
          + " pg_subscription) and the durability settings of both servers and reports findings:",
      "  UNEXPECTED_SETTING     a setting differs from the job's expect: (or --expect) value",
      "  SETTINGS_DISAGREE      data_checksums, fsync or default_transaction_isolation differ; or a",
      "                         physical standby has max_connections, max_worker_processes,",
      "                         max_wal_senders, max_prepared_transactions or",
      "                         max_locks_per_transaction below the primary's",
      "  INACTIVE_SLOT          an inactive replication slot retains WAL on the primary",
      "  SUBSCRIPTION_DISABLED  a subscription of the replica's database is disabled",
      "  STANDBY_NOT_STREAMING  the replica is in recovery but its WAL receiver is not streaming",
      "",
      "The audit role needs pg_monitor to see other sessions' replication rows.",
      "verify runs the same audit once per run (summary.json audit, report.md, metrics)."
    })
public final class AuditCommand extends AbstractCommand {

  private final Map<String, String> env;
  private final PasswordResolver passwords;

  @Option(
      names = "--job",
      paramLabel = "FILE",
      description = "YAML job file; its expect: map names expected settings")
  @Example("--job jobs/auth.yaml")
  private Path job;

  @Option(
      names = "--primary",
      paramLabel = "URL",
      description = "the primary's jdbc:postgresql: url (overrides the" + " job's)")
  @Example("--primary 'jdbc:postgresql://host:5432/app?user=checker'")
  private String primaryUrl;

  @Option(
      names = "--replica",
      paramLabel = "URL",
      description = "the replica's jdbc:postgresql: url (overrides the" + " job's)")
  @Example("--replica 'jdbc:postgresql://host:5432/app?user=checker'")
  private String replicaUrl;

  @Option(
      names = "--expect",
      paramLabel = "S=V",
      description = "expect setting S to be V on both sides; repeatable;" + " adds to expect:")
  @Example("--expect synchronous_commit=remote_apply")
  private List<String> expect = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "also write DIR/" + AuditReport.FILE_NAME)
  @Example("--out reports/audit")
  private Path outFolder;

  @CommandLine.Mixin private HelpOption help;

  public AuditCommand() {
    this(System.getenv(), PasswordResolver.forCurrentUser());
  }

  /** For tests: the environment for ${VAR} references and the password file. */
  public AuditCommand(Map<String, String> env, PasswordResolver passwords) {
    this.env = Map.copyOf(env);
    this.passwords = passwords;
  }

  @Override
  public Map<ExitCode, String> exitCodes() {
    return ExitCodeHelp.of(
        Map.of(
            ExitCode.CONSISTENT, "no findings",
            ExitCode.AUDIT_FINDINGS, "findings"),
        ExitCode.USAGE,
        ExitCode.RUNTIME_FAILURE);
  }

  @Override
  public Integer call() {
    try {
      Map<String, String> expected = new LinkedHashMap<>();
      ConnectionSpec primary = null;
      ConnectionSpec replica = null;
      if (job != null) {
        JobDefinition definition = new JobFileLoader().load(job, env);
        primary = definition.primary();
        replica = definition.replica();
        expected.putAll(ExpectKeys.load(job, env));
      }
      primary = url(primary, primaryUrl, "--primary");
      replica = url(replica, replicaUrl, "--replica");
      if (primary == null || replica == null) {
        throw new ConfigException(
            "audit needs --job FILE, or --primary URL and --replica URL (see pgparity audit --help)");
      }
      for (String pair : expect) {
        int equals = pair.indexOf('=');
        String setting = equals < 0 ? pair : pair.substring(0, equals);
        if (equals <= 0 || !ExpectKeys.SETTINGS.contains(setting)) {
          throw error(
              "--expect must be SETTING=VALUE with SETTING one of "
                  + String.join(", ", ExpectKeys.SETTINGS)
                  + " but was '"
                  + pair
                  + "'; e.g. --expect synchronous_commit=remote_apply");
        }
        expected.put(setting, pair.substring(equals + 1));
      }
      AuditReport report = audit(passwords.resolve(primary), passwords.resolve(replica), expected);
      if (outFolder != null) {
        Files.createDirectories(outFolder);
        report.writeJson(outFolder);
      }
      // scripts read the last line: the verdict comes last
      out.print(report.text());
      return report.findings().isEmpty()
          ? ExitCode.CONSISTENT.code()
          : ExitCode.AUDIT_FINDINGS.code();
    } catch (ConfigException e) {
      err.println("pgparity: " + e.getMessage());
      return ExitCode.USAGE.code();
    } catch (IOException e) {
      err.println("pgparity: audit could not create the --out folder: " + e.getMessage());
      return ExitCode.RUNTIME_FAILURE.code();
    } catch (RuntimeException e) {
      err.println("pgparity: audit failed: " + PasswordResolver.redact(String.valueOf(e)));
      return ExitCode.RUNTIME_FAILURE.code();
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static ConfigException error(String message) {
    return new ConfigException("audit: " + message);
  }

  private static AuditReport audit(
      ConnectionSpec primary, ConnectionSpec replica, Map<String, String> expected) {
    Tuning tuning = Tuning.defaults();
    try (ServerPool p = ServerPool.open(Side.PRIMARY, primary, tuning);
        ServerPool r = ServerPool.open(Side.REPLICA, replica, tuning)) {
      return Auditor.audit(p, r, expected);
    }
  }

  private static ConnectionSpec url(ConnectionSpec fromFile, String url, String option) {
    if (url == null) {
      return fromFile;
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw error(
          option
              + " must be a jdbc:postgresql: url but was '"
              + PasswordResolver.redact(url)
              + "'; e.g. "
              + option
              + " 'jdbc:postgresql://host:5432/app?user=checker'");
    }
    if (PasswordResolver.hasPasswordParameter(url)) {
      throw error(
          option
              + " must not contain password=; put the password in ~/.pgpass"
              + " or in the job file as password: ${ENV_VAR}");
    }
    return new ConnectionSpec(url, fromFile == null ? null : fromFile.password());
  }
}
