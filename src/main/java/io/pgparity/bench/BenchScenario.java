package io.pgparity.bench;

import io.pgparity.config.Spelling;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** What {@code bench --case} measures: a few large tables (the default) or many small ones. */
enum BenchScenario {
  LARGE_TABLES("large-tables"),
  MANY_TABLES("many-tables");

  private final String word;

  BenchScenario(String word) {
    this.word = word;
  }

  /** The word --case takes. */
  String word() {
    return word;
  }

  static List<String> words() {
    return Arrays.stream(values()).map(BenchScenario::word).toList();
  }

  /** large-tables or many-tables. */
  static final class Converter implements CommandLine.ITypeConverter<BenchScenario> {
    @Override
    public BenchScenario convert(String value) {
      return Arrays.stream(values())
          .filter(s -> s.word.equals(value.strip()))
          .findFirst()
          .orElseThrow(
              () ->
                  new CommandLine.TypeConversionException(
                      String.format(
                          "has unknown case '%s'%s; valid cases: %s",
                          value.strip(),
                          Spelling.hint(value.strip(), words()),
                          String.join(", ", words()))));
    }
  }
}
