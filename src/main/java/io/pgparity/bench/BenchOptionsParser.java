package io.pgparity.bench;

import io.pgparity.cli.OptionReader;
import io.pgparity.config.ConfigException;
import io.pgparity.config.Spelling;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses the arguments of {@code pgparity bench}: {@code --opt value} or {@code --opt=value}. */
public final class BenchOptionsParser {

  /** The one option without a value: skip the plain verify run of each round. */
  static final String NO_LAG_COMPARE = "--no-lag-compare";

  static final List<String> OPTIONS = List.of("--rows", "--rounds", "--out", "--tables", NO_LAG_COMPARE, "--help");
  private static final OptionReader READER =
      new OptionReader(
          "bench",
          OPTIONS,
          Set.of("--help", NO_LAG_COMPARE),
          Set.of(),
          BenchOptionsParser::example,
          "bench takes only options: " + usageLine());

  private BenchOptionsParser() {}

  /** The options, or a ConfigException whose one-line message names the mistake and the fix. */
  public static BenchOptions parse(List<String> args) {
    if (OptionReader.wantsHelp(args)) {
      return BenchOptions.helpOnly();
    }
    BenchOptions defaults = BenchOptions.defaults();
    int rows = defaults.rows();
    int rounds = defaults.rounds();
    Path out = defaults.out();
    List<BenchTable> tables = defaults.tables();
    boolean lagCompare = defaults.lagCompare();
    for (OptionReader.Given given : READER.read(args)) {
      String value = given.value();
      switch (given.name()) {
        case NO_LAG_COMPARE -> lagCompare = false;
        case "--rows" ->
            rows = READER.integer("--rows", value, BenchOptions.MIN_ROWS, BenchOptions.MAX_ROWS);
        case "--rounds" -> rounds = READER.integer("--rounds", value, 1, BenchOptions.MAX_ROUNDS);
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
}
