package io.pgparity.cli;

import io.pgparity.audit.Auditor;
import io.pgparity.audit.AuditReport;

import io.pgparity.cli.Command;
import io.pgparity.verdict.ExitCode;
import io.pgparity.cli.OptionReader;
import io.pgparity.config.ConfigException;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.config.ExpectKeys;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.JobFileLoader;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.config.Tuning;
import io.pgparity.connect.ServerPool;
import io.pgparity.connect.Side;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pgparity audit}: reads the replication state and the durability settings of both servers,
 * prints the report and the verdict last. Exit 0 no findings, 6 findings, 2 usage, 3 failure.
 */
public final class AuditCommand implements Command {

  private static final List<String> OPTIONS = List.of("--job", "--primary", "--replica", "--expect", "--out", "--help");
  private static final OptionReader READER = new OptionReader("audit", OPTIONS, Set.of("--help"), Set.of("--expect"),
      AuditCommand::example, "audit takes only options (see pgparity audit --help)");

  private final Map<String, String> env;
  private final PasswordResolver passwords;

  public AuditCommand() {
    this(System.getenv(), PasswordResolver.forCurrentUser());
  }

  /** For tests: the environment for ${VAR} references and the password file. */
  public AuditCommand(Map<String, String> env, PasswordResolver passwords) {
    this.env = Map.copyOf(env);
    this.passwords = passwords;
  }

  @Override
  public String name() {
    return "audit";
  }

  @Override
  public String summary() {
    return "audit replication state and durability settings of the primary and the replica";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    try {
      if (OptionReader.wantsHelp(args)) {
        out.print(usage());
        return ExitCode.CONSISTENT.code();
      }
      Map<String, String> single = new HashMap<>();
      Map<String, String> expected = new LinkedHashMap<>();
      List<String> expectArgs = new ArrayList<>();
      for (OptionReader.Given given : READER.read(args)) {
        if (given.name().equals("--expect")) {
          expectArgs.add(given.value());
        } else {
          single.put(given.name(), given.value());
        }
      }
      ConnectionSpec primary = null;
      ConnectionSpec replica = null;
      if (single.containsKey("--job")) {
        Path file = Path.of(single.get("--job"));
        JobDefinition job = new JobFileLoader().load(file, env);
        primary = job.primary();
        replica = job.replica();
        expected.putAll(ExpectKeys.load(file, env));
      }
      primary = url(primary, single.get("--primary"), "--primary");
      replica = url(replica, single.get("--replica"), "--replica");
      if (primary == null || replica == null) {
        throw new ConfigException("audit needs --job FILE, or --primary URL and --replica URL (see pgparity audit --help)");
      }
      for (String pair : expectArgs) {
        int equals = pair.indexOf('=');
        String setting = equals < 0 ? pair : pair.substring(0, equals);
        if (equals <= 0 || !ExpectKeys.SETTINGS.contains(setting)) {
          throw READER.error("--expect must be SETTING=VALUE with SETTING one of " + String.join(", ", ExpectKeys.SETTINGS)
              + " but was '" + pair + "'; e.g. --expect synchronous_commit=remote_apply");
        }
        expected.put(setting, pair.substring(equals + 1));
      }
      AuditReport report = audit(passwords.resolve(primary), passwords.resolve(replica), expected);
      if (single.containsKey("--out")) {
        Path folder = Path.of(single.get("--out"));
        Files.createDirectories(folder);
        report.writeJson(folder);
      }
      // scripts read the last line: the verdict comes last
      out.print(report.text());
      return report.findings().isEmpty() ? ExitCode.CONSISTENT.code() : ExitCode.AUDIT_FINDINGS.code();
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

  private static AuditReport audit(ConnectionSpec primary, ConnectionSpec replica, Map<String, String> expected) {
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
      throw READER.error(option + " must be a jdbc:postgresql: url but was '" + PasswordResolver.redact(url)
          + "'; e.g. " + example(option));
    }
    if (PasswordResolver.hasPasswordParameter(url)) {
      throw READER.error(option + " must not contain password=; put the password in ~/.pgpass"
          + " or in the job file as password: ${ENV_VAR}");
    }
    return new ConnectionSpec(url, fromFile == null ? null : fromFile.password());
  }

  private static String example(String option) {
    return switch (option) {
      case "--job" -> "--job jobs/auth.yaml";
      case "--expect" -> "--expect synchronous_commit=remote_apply";
      case "--out" -> "--out reports/audit";
      default -> option + " 'jdbc:postgresql://host:5432/app?user=checker'";
    };
  }

  /** The text of {@code pgparity audit --help}. */
  static String usage() {
    return String.join("\n",
        "Usage: pgparity audit --job FILE [--primary URL] [--replica URL] [--expect S=V]... [--out DIR]",
        "       pgparity audit --primary URL --replica URL [--expect S=V]... [--out DIR]",
        "",
        "Reads the replication state (pg_stat_replication, pg_replication_slots, pg_stat_wal_receiver,",
        "pg_subscription) and the durability settings of both servers and reports findings:",
        "  UNEXPECTED_SETTING     a setting differs from the job's expect: (or --expect) value",
        "  SETTINGS_DISAGREE      data_checksums, fsync or default_transaction_isolation differ; or a",
        "                         physical standby has max_connections, max_worker_processes,",
        "                         max_wal_senders, max_prepared_transactions or",
        "                         max_locks_per_transaction below the primary's",
        "  INACTIVE_SLOT          an inactive replication slot retains WAL on the primary",
        "  SUBSCRIPTION_DISABLED  a subscription of the replica's database is disabled",
        "  STANDBY_NOT_STREAMING  the replica is in recovery but its WAL receiver is not streaming",
        "",
        "Options:",
        "  --job FILE        YAML job file; its expect: map names expected settings",
        "  --primary URL     the primary's jdbc:postgresql: url (overrides the job's)",
        "  --replica URL     the replica's jdbc:postgresql: url (overrides the job's)",
        "  --expect S=V      expect setting S to be V on both sides; repeatable; adds to expect:",
        "  --out DIR         also write DIR/" + AuditReport.FILE_NAME,
        "  --help, -h        this text",
        "",
        "The audit role needs pg_monitor to see other sessions' replication rows.",
        "verify runs the same audit once per run (summary.json audit, report.md, metrics).",
        "Exit codes: 0 no findings, 6 findings, 2 usage/configuration error, 3 runtime failure.",
        "");
  }
}
