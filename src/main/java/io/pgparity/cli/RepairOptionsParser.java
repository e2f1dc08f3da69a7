package io.pgparity.cli;

import io.pgparity.repair.RepairOptions;
import io.pgparity.repair.RepairTarget;

import io.pgparity.cli.OptionReader;
import io.pgparity.config.ConfigException;
import io.pgparity.config.connection.PasswordResolver;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses {@code pgparity repair RUN_FOLDER [options]}: the run folder first, then options. */
public final class RepairOptionsParser {

  /** The largest --batch-size: a transaction of more statements is one transaction anyway. */
  public static final int MAX_BATCH_SIZE = 1_000_000;

  static final List<String> OPTIONS = List.of(
      "--target", "--no-triggers", "--apply", "--batch-size", "--primary", "--replica", "--debug", "--help");
  private static final String SEE_HELP = " (see pgparity repair --help)";
  private static final OptionReader READER = new OptionReader(
      "repair", OPTIONS, Set.of("--no-triggers", "--apply", "--debug", "--help"), Set.of(),
      RepairOptionsParser::example, "give the run folder first, then options" + SEE_HELP);

  private RepairOptionsParser() {}

  /** The options, or a ConfigException whose one-line message names the mistake and the fix. */
  public static RepairOptions parse(List<String> args) {
    if (OptionReader.wantsHelp(args)) {
      return RepairOptions.helpOnly();
    }
    if (args.isEmpty() || args.get(0).startsWith("-")) {
      throw READER.error("give the run folder verify printed first, e.g. pgparity repair"
          + " reports/adhoc/20261125T120000Z-1a2b --apply" + SEE_HELP);
    }
    Path folder = path(args.get(0));
    Map<String, String> given = new HashMap<>();
    for (OptionReader.Given option : READER.read(args.subList(1, args.size()))) {
      if (given.containsKey(option.name())) {
        throw READER.error(option.name() + " is given twice; give it once");
      }
      given.put(option.name(), option.value());
    }
    RepairTarget target = null;
    if (given.containsKey("--target")) {
      String value = given.get("--target");
      target = RepairTarget.parse(value).orElseThrow(() -> READER.error(
          "--target must be replica or primary but was '" + value + "'; e.g. --target primary after a failover"));
    }
    boolean apply = given.containsKey("--apply");
    int batchSize = 0;
    if (given.containsKey("--batch-size")) {
      if (!apply) {
        throw READER.error("--batch-size only applies with --apply; add --apply or leave it out");
      }
      batchSize = READER.integer("--batch-size", given.get("--batch-size"), 1, MAX_BATCH_SIZE);
    }
    return new RepairOptions(folder, target, given.containsKey("--no-triggers"), apply, batchSize,
        url(given.get("--primary"), "--primary"), url(given.get("--replica"), "--replica"),
        given.containsKey("--debug"), false);
  }

  private static Path path(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw READER.error("run folder '" + value + "' is not a valid path: " + e.getReason());
    }
  }

  private static String url(String value, String option) {
    if (value == null) {
      return null;
    }
    if (!value.startsWith("jdbc:postgresql:")) {
      throw READER.error(option + " must be a jdbc:postgresql: url but was '" + PasswordResolver.redact(value)
          + "'; e.g. " + example(option));
    }
    if (PasswordResolver.hasPasswordParameter(value)) {
      throw READER.error(option + " must not contain password=; put the password in ~/.pgpass or in"
          + " PGPARITY_" + option.substring(2).toUpperCase(java.util.Locale.ROOT) + "_PASSWORD");
    }
    return value;
  }

  private static String example(String option) {
    return switch (option) {
      case "--target" -> "--target primary";
      case "--batch-size" -> "--batch-size 1000";
      case "--primary", "--replica" -> option + " 'jdbc:postgresql://host:5432/app?user=repairer'";
      default -> option;
    };
  }

  /** Only for messages that are not about one option. */
  static ConfigException error(String message) {
    return READER.error(message);
  }
}
