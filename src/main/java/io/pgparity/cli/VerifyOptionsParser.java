package io.pgparity.cli;

import io.pgparity.table.TableRef;
import io.pgparity.config.units.ByteSizeText;
import io.pgparity.config.ConfigException;
import io.pgparity.config.LiveTuning;
import io.pgparity.config.MetricsTargets;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.config.units.RateText;
import io.pgparity.config.Shard;
import io.pgparity.config.Tuning;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

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
          "--no-lag-wait",
          "--max-wait",
          "--max-lag",
          "--rechecks",
          "--recheck-delay",
          "--rows-per-second",
          "--retries",
          "--max-runtime",
          "--job-repository",
          "--repair-sql",
          "--fresh",
          "--metrics-file",
          "--pushgateway",
          "--shard",
          "--debug",
          "--help");
  private static final String SEE_HELP = " (see pgparity verify --help)";
  private static final OptionReader READER =
      new OptionReader(
          "verify",
          OPTIONS,
          Set.of("--debug", "--no-lag-wait", "--help", "--repair-sql", "--fresh"),
          Set.of("--table"),
          VerifyOptionsParser::example,
          "verify takes only options" + SEE_HELP);

  private VerifyOptionsParser() {}

  /** The options, or a ConfigException whose one-line message names the mistake and the fix. */
  public static VerifyOptions parse(List<String> args) {
    if (OptionReader.wantsHelp(args)) {
      return VerifyOptions.helpOnly();
    }
    Map<String, String> single = new HashMap<>();
    List<TableRef> tables = new ArrayList<>();
    for (OptionReader.Given given : READER.read(args)) {
      if (given.name().equals("--table")) {
        TableRef table = table(given.value());
        if (tables.contains(table)) {
          throw READER.error("--table " + table + " is given twice; give it once");
        }
        tables.add(table);
      } else {
        single.put(given.name(), given.value());
      }
    }
    VerifyOptions options =
        new VerifyOptions(
            path(single.get("--job"), "--job"),
            url(single.get("--primary"), "--primary"),
            url(single.get("--replica"), "--replica"),
            tables,
            path(single.get("--out"), "--out"),
            integer(single, "--threads", 1, Tuning.MAX_THREADS),
            integer(single, "--chunk-rows", Tuning.MIN_CHUNK_ROWS, Tuning.MAX_CHUNK_ROWS),
            integer(single, "--max-divergences", 1, Integer.MAX_VALUE),
            repository(single.get("--job-repository")),
            live(single),
            single.containsKey("--debug"),
            false,
            single.containsKey("--repair-sql"),
            metrics(single),
            converted(single, "--shard", VerifyOptionsParser::shard),
            single.containsKey("--fresh"));
    checkComplete(options);
    return options;
  }

  private static LiveOverrides live(Map<String, String> single) {
    return new LiveOverrides(
        single.containsKey("--no-lag-wait") ? false : null,
        converted(single, "--max-wait", READER::duration),
        converted(
            single,
            "--max-lag",
            (option, value) ->
                READER.parsed(option, value, ByteSizeText.FORMS, ByteSizeText::parse)),
        integer(single, "--rechecks", 0, LiveTuning.MAX_RECHECKS),
        converted(single, "--recheck-delay", READER::duration),
        converted(
            single,
            "--rows-per-second",
            (option, value) -> READER.parsed(option, value, RateText.FORMS, RateText::parse)),
        integer(single, "--retries", 0, LiveTuning.MAX_RETRIES),
        converted(single, "--max-runtime", READER::duration));
  }

  private static MetricsTargets metrics(Map<String, String> single) {
    Path file = path(single.get("--metrics-file"), "--metrics-file");
    try {
      return MetricsTargets.of(file, single.get("--pushgateway"));
    } catch (IllegalArgumentException e) {
      throw READER.error("--" + e.getMessage());
    }
  }

  /** The option's value converted, or null when it was not given. */
  private static <T> T converted(
      Map<String, String> single, String option, BiFunction<String, String, T> convert) {
    String value = single.get(option);
    return value == null ? null : convert.apply(option, value);
  }

  private static Integer integer(Map<String, String> single, String option, int min, int max) {
    return converted(single, option, (o, value) -> READER.integer(o, value, min, max));
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
      case "--max-wait" -> "--max-wait 2m";
      case "--max-runtime" -> "--max-runtime 30m";
      case "--max-lag" -> "--max-lag 64MB";
      case "--recheck-delay" -> "--recheck-delay 1s";
      case "--rows-per-second" -> "--rows-per-second 5000";
      case "--rechecks", "--retries" -> option + " 3";
      case "--metrics-file" -> "--metrics-file /var/lib/node_exporter/textfile/pgparity-auth.prom";
      case "--pushgateway" -> "--pushgateway http://pushgateway:9091";
      case "--shard" -> "--shard 0/3";
      default -> option + " 4";
    };
  }

  private static Shard shard(String option, String value) {
    return Shard.parse(value)
        .orElseThrow(
            () ->
                READER.error(
                    option
                        + " must be "
                        + Shard.FORM
                        + " but was '"
                        + value
                        + "'; in a Kubernetes Indexed Job give --shard $(JOB_COMPLETION_INDEX)/n"
                        + " with n = completions"));
  }

  private static TableRef table(String value) {
    try {
      return TableRef.parse(value);
    } catch (IllegalArgumentException e) {
      throw READER.error("--table " + e.getMessage());
    }
  }

  private static Path path(String value, String option) {
    try {
      return value == null ? null : Path.of(value);
    } catch (InvalidPathException e) {
      throw READER.error(option + " is not a valid path: " + e.getReason());
    }
  }

  private static String url(String value, String option) {
    if (value == null) {
      return null;
    }
    if (!value.startsWith("jdbc:postgresql:")) {
      throw READER.error(
          option
              + " must be a jdbc:postgresql: url but was '"
              + PasswordResolver.redact(value)
              + "'; e.g. "
              + example(option));
    }
    if (PasswordResolver.hasPasswordParameter(value)) {
      // command lines end up in shell history and process lists
      throw READER.error(
          option
              + " must not contain password=; put the password in ~/.pgpass"
              + " or in the job file as password: ${ENV_VAR}");
    }
    return value;
  }

  private static String repository(String value) {
    if (value != null && !value.startsWith("jdbc:")) {
      throw READER.error(
          "--job-repository must be a JDBC url but was '"
              + PasswordResolver.redact(value)
              + "'; e.g. "
              + example("--job-repository"));
    }
    return value;
  }
}
