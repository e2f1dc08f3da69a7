package io.pgparity.cli;

import io.pgparity.evidence.CheckReport;
import io.pgparity.evidence.EvidenceKey;
import io.pgparity.evidence.ManifestChecker;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.cli.Command;
import io.pgparity.verdict.ExitCode;
import io.pgparity.cli.OptionReader;
import io.pgparity.config.ConfigException;
import io.pgparity.config.Spelling;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code pgparity evidence check <run folder>}: verifies a run folder against its manifest.json and
 * prints one line per problem, then the verdict. Exit 0 intact, 1 not intact, 2 usage mistake.
 */
public final class EvidenceCommand implements Command {

  private static final List<String> SUBCOMMANDS = List.of("check");

  private final Map<String, String> env;

  public EvidenceCommand() {
    this(System.getenv());
  }

  /** For tests: the environment the key is read from. */
  public EvidenceCommand(Map<String, String> env) {
    this.env = Map.copyOf(checkNotNull(env, "env"));
  }

  @Override
  public String name() {
    return "evidence";
  }

  @Override
  public String summary() {
    return "check a run folder against its manifest.json: changed, added or removed files, signature";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    try {
      if (OptionReader.wantsHelp(args)) {
        out.print(usage());
        return ExitCode.CONSISTENT.code();
      }
      Path folder = folder(args);
      Optional<EvidenceKey> key = EvidenceKey.fromEnvironment(env);
      CheckReport report = ManifestChecker.check(folder, key);
      report.problems().forEach(p -> out.println(p.line()));
      // scripts read the last line: nothing may be printed on out after the verdict
      out.println(report.verdict());
      // 0 and 1 as for verify: 0 all is as recorded, 1 something differs
      return report.intact() ? ExitCode.CONSISTENT.code() : ExitCode.DIVERGENT.code();
    } catch (ConfigException e) {
      err.println("pgparity: " + e.getMessage());
      return ExitCode.USAGE.code();
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static Path folder(List<String> args) {
    if (args.isEmpty()) {
      throw new ConfigException("evidence: missing sub-command; use: pgparity evidence check <run folder>");
    }
    String sub = args.get(0);
    if (!SUBCOMMANDS.contains(sub)) {
      throw new ConfigException("evidence: unknown sub-command '" + sub + "'" + Spelling.hint(sub, SUBCOMMANDS)
          + "; use: pgparity evidence check <run folder>");
    }
    List<String> rest = args.subList(1, args.size());
    rest.stream().filter(arg -> arg.startsWith("-")).findFirst().ifPresent(option -> {
      throw new ConfigException("evidence check: unknown option '" + option
          + "'; it takes one run folder and no options, e.g. pgparity evidence check reports/adhoc/20261125T120000Z-1a2b"
          + " (write ./" + option + " for a folder whose name starts with -)");
    });
    if (rest.size() != 1) {
      throw new ConfigException("evidence check: expected exactly one run folder but got "
          + (rest.isEmpty() ? "none" : "'" + String.join(" ", rest) + "'")
          + "; use: pgparity evidence check reports/<job>/<run id>");
    }
    return Path.of(rest.get(0));
  }

  /** The text of {@code pgparity evidence --help}. */
  static String usage() {
    return String.join(
        "\n",
        "Usage: pgparity evidence check RUN_FOLDER",
        "",
        "Checks a run folder against the manifest.json its verify run wrote last: every listed",
        "file's size and SHA-256, files that were added or removed, and the HMAC-SHA256",
        "signature. Prints one line per problem (CHANGED, ADDED, REMOVED, BAD SIGNATURE,",
        "UNSIGNED, INCONSISTENT, UNREADABLE), then the verdict (INTACT or TAMPERED).",
        "",
        "Signing: when " + EvidenceKey.ENV_VAR + " is set, verify signs manifest.json with it",
        "and evidence check verifies the signature with it. A signed manifest fails without",
        "the key; an unsigned one fails when the key is set (its signature may have been removed).",
        "",
        "Options:",
        "  --help, -h   this text",
        "",
        "Exit codes: 0 intact, 1 not intact (tampered, bad or missing signature, manifest",
        "unreadable), 2 usage error (no such folder, no manifest.json), 3 unexpected failure.",
        "");
  }
}
