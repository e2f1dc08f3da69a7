package io.pgparity.cli;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.config.ConfigException;
import io.pgparity.config.units.DurationText;
import io.pgparity.config.Spelling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a command's {@code --opt value} and {@code --opt=value} arguments against its list of
 * options and converts their values; every mistake is a one-line ConfigException that starts with
 * the command's name and says what is allowed.
 */
public final class OptionReader {

  /** One option as given, in order; {@code value} is null for a flag. */
  public record Given(String name, String value) {}

  private final String command;
  private final List<String> options;
  private final Set<String> flags;
  private final Set<String> repeatable;
  private final Function<String, String> example;
  private final String strayRemedy;

  /**
   * {@code flags} take no value, {@code repeatable} may be given more than once, {@code example}
   * shows how to give an option a value, and {@code strayRemedy} follows "unexpected argument 'x';"
   * for a word that is not an option.
   */
  public OptionReader(
      String command,
      List<String> options,
      Set<String> flags,
      Set<String> repeatable,
      Function<String, String> example,
      String strayRemedy) {
    checkArgument(options.containsAll(flags), "every flag must be an option");
    checkArgument(options.containsAll(repeatable), "every repeatable option must be an option");
    this.command = command;
    this.options = List.copyOf(options);
    this.flags = Set.copyOf(flags);
    this.repeatable = Set.copyOf(repeatable);
    this.example = example;
    this.strayRemedy = strayRemedy;
  }

  /** Whether {@code args} ask for help; help wins over every other option, valid or not. */
  public static boolean wantsHelp(List<String> args) {
    return args.contains("--help") || args.contains("-h");
  }

  /** The options in the order given; a value is the rest after '=', else the next word. */
  public List<Given> read(List<String> args) {
    List<Given> given = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("-")) {
        throw error("unexpected argument '" + arg + "'; " + strayRemedy);
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (!options.contains(name)) {
        throw error(
            String.format(
                "unknown option '%s'%s; valid options: %s",
                name, Spelling.hint(name, options), String.join(", ", options)));
      }
      // a repeated flag is harmless; a repeated value would leave the user guessing which counts
      if (!seen.add(name) && !repeatable.contains(name) && !flags.contains(name)) {
        throw error(name + " is given twice; give it once");
      }
      if (flags.contains(name)) {
        if (equals >= 0) {
          throw error(name + " takes no value; write just " + name);
        }
        given.add(new Given(name, null));
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
        throw error(name + " needs a value, e.g. " + example.apply(name));
      }
      given.add(new Given(name, value));
    }
    return given;
  }

  /** A ConfigException whose message starts with the command's name. */
  public ConfigException error(String message) {
    return new ConfigException(command + ": " + message);
  }

  /** A whole number in [min, max]; underscores may group digits. */
  public int integer(String option, String value, int min, int max) {
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
    throw error(option + " must be an integer " + range + " but was '" + value + "'");
  }

  /** A duration such as 30s or 2m, at most {@link DurationText#MAX}. */
  public Duration duration(String option, String value) {
    Duration duration = parsed(option, value, DurationText.FORMS, DurationText::parse);
    if (duration.compareTo(DurationText.MAX) > 0) {
      throw error(
          String.format(
              "%s must be at most %dh but was '%s'", option, DurationText.MAX.toHours(), value));
    }
    return duration;
  }

  /** The value read by {@code parse}; {@code forms} says, for the message, what is allowed. */
  public <T> T parsed(
      String option, String value, String forms, Function<String, Optional<T>> parse) {
    return parse
        .apply(value)
        .orElseThrow(() -> error(option + " must be " + forms + " but was '" + value + "'"));
  }
}
