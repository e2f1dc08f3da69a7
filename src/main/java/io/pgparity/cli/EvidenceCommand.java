package io.pgparity.cli;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.ConfigException;
import io.pgparity.config.Spelling;
import io.pgparity.evidence.CheckReport;
import io.pgparity.evidence.EvidenceKey;
import io.pgparity.evidence.ManifestChecker;
import io.pgparity.verdict.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/**
 * {@code pgparity evidence check <run folder>}: verifies a run folder against its manifest.json and
 * prints one line per problem, then the verdict. Exit 0 intact, 1 not intact, 2 usage mistake.
 */
@CommandLine.Command(
    name = "evidence",
    description =
        "check a run folder against its manifest.json: changed, added or removed files, signature",
    customSynopsis = "pgparity evidence check RUN_FOLDER",
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Checks a run folder against the manifest.json its verify run wrote last: every listed file's size and"
          + " SHA-256, files that were added or removed, and the HMAC-SHA256 signature. Prints one line per"
          + " problem (CHANGED, ADDED, REMOVED, BAD SIGNATURE, UNSIGNED, INCONSISTENT, UNREADABLE), then the"
          + " verdict (INTACT or TAMPERED).",
      "",
      "Signing: when "
          + EvidenceKey.ENV_VAR
          + " is set, verify signs manifest.json with it and evidence check"
          + " verifies the signature with it. A signed manifest fails without the key; an unsigned one fails when"
          + " the key is set (its signature may have been removed)."
    })
public final class EvidenceCommand extends AbstractCommand {

  private static final List<String> SUBCOMMANDS = List.of("check");

  private final Map<String, String> env;

  @Parameters(paramLabel = "check RUN_FOLDER", arity = "0..*", hidden = true)
  private List<String> words = new ArrayList<>();

  // an unknown option after check is most likely a folder whose name starts with -: call() says how
  // to give it
  @CommandLine.Unmatched private List<String> unmatched = new ArrayList<>();

  @CommandLine.Mixin private HelpOption help;

  public EvidenceCommand() {
    this(System.getenv());
  }

  /** For tests: the environment the key is read from. */
  public EvidenceCommand(Map<String, String> env) {
    this.env = Map.copyOf(checkNotNull(env, "env"));
  }

  @Override
  public Map<ExitCode, String> exitCodes() {
    return ExitCodeHelp.of(
        Map.of(
            ExitCode.CONSISTENT, "intact",
            ExitCode.DIVERGENT,
                "not intact (tampered, bad or missing signature, manifest unreadable)",
            ExitCode.USAGE, "usage error (no such folder, no manifest.json)",
            ExitCode.RUNTIME_FAILURE, "unexpected failure"));
  }

  @Override
  public Integer call() {
    try {
      Path folder = folder();
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

  private Path folder() {
    if (words.isEmpty()) {
      throw new ConfigException(
          "evidence: missing sub-command; use: pgparity evidence check <run folder>");
    }
    String sub = words.get(0);
    if (!SUBCOMMANDS.contains(sub)) {
      throw new ConfigException(
          "evidence: unknown sub-command '"
              + sub
              + "'"
              + Spelling.hint(sub, SUBCOMMANDS)
              + "; use: pgparity evidence check <run folder>");
    }
    unmatched.stream()
        .filter(arg -> arg.startsWith("-"))
        .findFirst()
        .ifPresent(
            option -> {
              throw new ConfigException(
                  "evidence check: unknown option '"
                      + option
                      + "'; it takes one run folder and no options, e.g. pgparity evidence check reports/adhoc/20261125T120000Z-1a2b"
                      + " (write ./"
                      + option
                      + " for a folder whose name starts with -)");
            });
    List<String> rest = new ArrayList<>(words.subList(1, words.size()));
    rest.addAll(unmatched);
    if (rest.size() != 1) {
      throw new ConfigException(
          "evidence check: expected exactly one run folder but got "
              + (rest.isEmpty() ? "none" : "'" + String.join(" ", rest) + "'")
              + "; use: pgparity evidence check reports/<job>/<run id>");
    }
    return Path.of(rest.get(0));
  }
}
