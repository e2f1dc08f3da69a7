package io.pgparity.cli;

import io.pgparity.verdict.ExitCode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each exit code means, the one source of every --help's exit-code list: the switch names
 * every {@link ExitCode}, so a new code cannot be added without saying what it means.
 */
public final class ExitCodeHelp {

  private ExitCodeHelp() {}

  /** The meaning of {@code code} for pgparity as a whole. */
  public static String meaning(ExitCode code) {
    return switch (code) {
      case CONSISTENT -> "consistent: every compared row is identical on both sides";
      case DIVERGENT -> "divergent: at least one row differs; the run folder lists them";
      case USAGE -> "usage or configuration error: fix the command line or the job file";
      case RUNTIME_FAILURE -> "runtime failure: a connection, permission or query failed";
      case INCOMPLETE ->
          "incomplete: a table stopped early (max-divergences, --max-runtime or SIGTERM); not every"
              + " row was examined";
      case ALREADY_RUNNING ->
          "already running: another run of the same job holds its lock; nothing was written";
      case AUDIT_FINDINGS ->
          "audit findings: the replication audit (pgparity audit, and verify when the data is"
              + " consistent) found a replication or settings problem";
    };
  }

  /** Every exit code with its general meaning. */
  public static Map<ExitCode, String> all() {
    Map<ExitCode, String> all = new EnumMap<>(ExitCode.class);
    for (ExitCode code : ExitCode.values()) {
      all.put(code, meaning(code));
    }
    return all;
  }

  /**
   * {@code codes} with their general meaning, except where {@code specific} says what one means for
   * a command.
   */
  public static Map<ExitCode, String> of(Map<ExitCode, String> specific, ExitCode... codes) {
    Map<ExitCode, String> list = new EnumMap<>(ExitCode.class);
    for (ExitCode code : codes) {
      list.put(code, specific.getOrDefault(code, meaning(code)));
    }
    list.putAll(specific);
    return list;
  }

  /**
   * The list as picocli's exit-code section takes it: the code, then its meaning, in code order.
   */
  static Map<String, String> forHelp(Map<ExitCode, String> codes) {
    Map<String, String> help = new LinkedHashMap<>();
    new EnumMap<>(codes).forEach((code, meaning) -> help.put(String.valueOf(code.code()), meaning));
    return help;
  }
}
