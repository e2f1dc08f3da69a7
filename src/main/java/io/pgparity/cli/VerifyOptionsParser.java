package io.pgparity.cli;

import io.pgparity.catalog.TableRef;
import io.pgparity.config.ConfigException;
import io.pgparity.config.PasswordResolver;
import io.pgparity.config.Spelling;
import io.pgparity.config.Tuning;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses the arguments of {@code pgparity verify}: {@code --opt value} or {@code --opt=value}. */
public final class VerifyOptionsParser {

  static final List<String> OPTIONS =
      List.of(
          "--job",
          "--primary",
          "--replica",
          "--table",
          "--out",
          "--threads",
          "--chunk-rows",
          "--max-divergences",
          "--job-repository",
          "--debug",
          "--help");
  private static final Set<String> FLAGS = Set.of("--debug", "--help");
  private static final String SEE_HELP = " (see pgparity verify --help)";

  private VerifyOptionsParser() {}

  /** The options, or a ConfigException whose one-line message names the mistake and the fix. */
  public static VerifyOptions parse(List<String> args) {
    if (args.contains("--help") || args.contains("-h")) {
      return VerifyOptions.helpOnly();
    }
    Map<String, String> single = new HashMap<>();
    List<TableRef> tables = new ArrayList<>();
    boolean debug = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("-")) {
        throw new ConfigException(
            "verify: unexpected argument '" + arg + "'; verify takes only options" + SEE_HELP);
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (!OPTIONS.contains(name)) {
        throw new ConfigException(
            String.format(
                "verify: unknown option '%s'%s; valid options: %s",
                name, Spelling.hint(name, OPTIONS), String.join(", ", OPTIONS)));
      }
      if (FLAGS.contains(name)) {
        if (equals >= 0) {
          throw new ConfigException("verify: " + name + " takes no value; write just " + name);
        }
        debug = true; // --help returned above, so the only flag left is --debug
        continue;
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      } else {
        value = "";
      }
      if (value.isEmpty()) {
        throw new ConfigException("verify: " + name + " needs a value, e.g. " + example(name));
      }
      if (name.equals("--table")) {
        TableRef table = table(value);
        if (tables.contains(table)) {
          throw new ConfigException("verify: --table " + table + " is given twice; give it once");
        }
        tables.add(table);
      } else if (single.putIfAbsent(name, value) != null) {
        throw new ConfigException("verify: " + name + " is given twice; give it once");
      }
    }
    VerifyOptions options =
        new VerifyOptions(
            path(single.get("--job"), "--job"),
            url(single.get("--primary"), "--primary"),
            url(single.get("--replica"), "--replica"),
            tables,
            path(single.get("--out"), "--out"),
            integer(single.get("--threads"), "--threads", 1, Tuning.MAX_THREADS),
            integer(
                single.get("--chunk-rows"),
                "--chunk-rows",
                Tuning.MIN_CHUNK_ROWS,
                Tuning.MAX_CHUNK_ROWS),
            integer(single.get("--max-divergences"), "--max-divergences", 1, Integer.MAX_VALUE),
            repository(single.get("--job-repository")),
            debug,
            false);
    checkComplete(options);
    return options;
  }

  private static void checkComplete(VerifyOptions options) {
    if (options.job() != null) {
      return;
    }
    List<String> missing = new ArrayList<>();
    if (options.primaryUrl() == null) {
      missing.add("--primary");
    }
    if (options.replicaUrl() == null) {
      missing.add("--replica");
    }
    if (options.tables().isEmpty()) {
      missing.add("--table");
    }
    if (!missing.isEmpty()) {
      throw new ConfigException(
          "verify needs --job FILE, or --primary URL, --replica URL and at least one"
              + " --table schema.table; missing "
              + String.join(", ", missing)
              + SEE_HELP);
    }
  }

  private static String example(String option) {
    return switch (option) {
      case "--job" -> "--job jobs/auth.yaml";
      case "--primary", "--replica" -> option + " 'jdbc:postgresql://host:5432/app?user=checker'";
      case "--table" -> "--table public.users";
      case "--out" -> "--out reports";
      case "--job-repository" -> "--job-repository jdbc:postgresql://host:5432/batch";
      default -> option + " 4";
    };
  }

  private static TableRef table(String value) {
    try {
      return TableRef.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("verify: --table " + e.getMessage());
    }
  }

  private static Path path(String value, String option) {
    try {
      return value == null ? null : Path.of(value);
    } catch (InvalidPathException e) {
      throw new ConfigException("verify: " + option + " is not a valid path: " + e.getReason());
    }
  }

  private static String url(String value, String option) {
    if (value == null) {
      return null;
    }
    if (!value.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(
          "verify: "
              + option
              + " must be a jdbc:postgresql: url but was '"
              + PasswordResolver.redact(value)
              + "'; e.g. "
              + example(option));
    }
    if (PasswordResolver.hasPasswordParameter(value)) {
      // command lines end up in shell history and process lists
      throw new ConfigException(
          "verify: "
              + option
              + " must not contain password=; put the password in ~/.pgpass"
              + " or in the job file as password: ${ENV_VAR}");
    }
    return value;
  }

  private static String repository(String value) {
    if (value != null && !value.startsWith("jdbc:")) {
      throw new ConfigException(
          "verify: --job-repository must be a JDBC url but was '"
              + PasswordResolver.redact(value)
              + "'; e.g. "
              + example("--job-repository"));
    }
    return value;
  }

  private static Integer integer(String value, String option, int min, int max) {
    if (value == null) {
      return null;
    }
    String range =
        max == Integer.MAX_VALUE ? "of at least " + min : "between " + min + " and " + max;
    try {
      int number = Integer.parseInt(value.replace("_", ""));
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw new ConfigException(
        "verify: " + option + " must be an integer " + range + " but was '" + value + "'");
  }
}
