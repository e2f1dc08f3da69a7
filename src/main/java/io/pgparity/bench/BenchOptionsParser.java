package io.pgparity.bench;

import io.pgparity.config.ConfigException;
import io.pgparity.config.Spelling;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Parses the arguments of {@code pgparity bench}: {@code --opt value} or {@code --opt=value}. */
public final class BenchOptionsParser {

  /** The one option without a value: skip the plain verify run of each round. */
  static final String NO_LAG_COMPARE = "--no-lag-compare";

  static final List<String> OPTIONS = List.of("--rows", "--rounds", "--out", "--tables", NO_LAG_COMPARE, "--help");

  private BenchOptionsParser() {}

  /** The options, or a ConfigException whose one-line message names the mistake and the fix. */
  public static BenchOptions parse(List<String> args) {
    if (args.contains("--help") || args.contains("-h")) {
      return BenchOptions.helpOnly();
    }
    BenchOptions defaults = BenchOptions.defaults();
    int rows = defaults.rows();
    int rounds = defaults.rounds();
    Path out = defaults.out();
    List<BenchTable> tables = defaults.tables();
    boolean lagCompare = defaults.lagCompare();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("-")) {
        throw new ConfigException("bench: unexpected argument '" + arg + "'; bench takes only options: " + usageLine());
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (!OPTIONS.contains(name)) {
        throw new ConfigException(
            String.format(
                "bench: unknown option '%s'%s; valid options: %s",
                name, Spelling.hint(name, OPTIONS), String.join(", ", OPTIONS)));
      }
      if (!seen.add(name)) {
        throw new ConfigException("bench: " + name + " is given twice; give it once");
      }
      if (name.equals(NO_LAG_COMPARE)) {
        if (equals >= 0) {
          throw new ConfigException("bench: " + name + " takes no value but got '" + arg.substring(equals + 1)
              + "'; give just " + name);
        }
        lagCompare = false;
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
      if (value.isBlank()) {
        throw new ConfigException("bench: " + name + " needs a value, e.g. " + example(name));
      }
      switch (name) {
        case "--rows" -> rows = integer(value, name, BenchOptions.MIN_ROWS, BenchOptions.MAX_ROWS);
        case "--rounds" -> rounds = integer(value, name, 1, BenchOptions.MAX_ROUNDS);
        case "--out" -> out = path(value);
        default -> tables = tables(value);
      }
    }
    return new BenchOptions(rows, rounds, out, tables, lagCompare, false);
  }

  /** The synopsis printed by --help and after a mistake. */
  static String usageLine() {
    return "pgparity bench [--rows N] [--rounds R] [--out DIR] [--tables users,sessions] [--no-lag-compare]";
  }

  private static String example(String option) {
    return switch (option) {
      case "--rows" -> "--rows 1000000";
      case "--rounds" -> "--rounds 3";
      case "--out" -> "--out reports";
      default -> "--tables users,sessions";
    };
  }

  private static List<BenchTable> tables(String value) {
    List<BenchTable> tables = new ArrayList<>();
    for (String word : value.split(",", -1)) {
      BenchTable table = BenchTable.byName(word.strip());
      if (table == null) {
        throw new ConfigException(
            String.format(
                "bench: --tables has unknown table '%s'%s; valid tables: %s (comma-separated)",
                word.strip(), Spelling.hint(word.strip(), BenchTable.names()), String.join(", ", BenchTable.names())));
      }
      if (tables.contains(table)) {
        throw new ConfigException("bench: --tables lists " + table.shortName() + " twice; list it once");
      }
      tables.add(table);
    }
    return tables;
  }

  private static Path path(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new ConfigException("bench: --out is not a valid path: " + e.getReason() + "; e.g. --out reports");
    }
  }

  private static int integer(String value, String option, int min, int max) {
    try {
      int number = Integer.parseInt(value.replace("_", ""));
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw new ConfigException(
        "bench: " + option + " must be an integer between " + min + " and " + max + " but was '" + value + "'");
  }
}
