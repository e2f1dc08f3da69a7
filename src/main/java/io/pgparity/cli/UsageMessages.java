package io.pgparity.cli;

import io.pgparity.config.Spelling;
import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns picocli's parse errors into pgparity's one-line usage messages: "{@code <command>: <what is
 * wrong>}" naming the value, what is allowed and the remedy (the caller puts "pgparity: " in
 * front).
 */
final class UsageMessages {

  private UsageMessages() {}

  /** The message for {@code e}; {@code args} are the whole command line as given. */
  static String of(ParameterException e, List<String> args) {
    CommandLine commandLine = e.getCommandLine();
    CommandSpec spec = commandLine.getCommandSpec();
    boolean root = spec.parent() == null;
    String prefix = root ? "" : qualifiedName(spec) + ": ";
    Optional<String> valueOnFlag = valueOnFlag(spec, args);
    if (valueOnFlag.isPresent()) {
      return prefix + valueOnFlag.get() + " takes no value; write just " + valueOnFlag.get();
    }
    if (e instanceof Stated) {
      return prefix + e.getMessage();
    }
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      String word = unmatched.getUnmatched().get(0);
      return prefix + (root ? unknownAtRoot(spec, word) : unmatched(spec, word));
    }
    if (e instanceof MissingParameterException missing
        && !missing.getMissing().isEmpty()
        && missing.getMissing().get(0) instanceof OptionSpec option) {
      return prefix + needsValue(option);
    }
    if (e.getArgSpec() instanceof OptionSpec option) {
      String value = e.getValue() == null ? "" : e.getValue();
      if (value.isBlank()) {
        return prefix + needsValue(option);
      }
      Range range = annotation(option, Range.class);
      if (range != null) {
        return prefix + outOfRange(option.longestName(), range, value);
      }
      String reason =
          e.getCause() instanceof CommandLine.TypeConversionException conversion
              ? conversion.getMessage()
              : "is not valid: '" + value + "'";
      return prefix + option.longestName() + " " + reason;
    }
    // a mistake picocli names in its own words: keep them, and say where the remedy is
    return prefix + e.getMessage() + " (see " + spec.qualifiedName() + " --help)";
  }

  /** A mistake already stated in pgparity's words. */
  static final class Stated extends ParameterException {
    Stated(CommandLine commandLine, String message) {
      super(commandLine, message);
    }
  }

  /** Whether the arguments ask for help: help wins over every other option, valid or not. */
  static boolean wantsHelp(List<String> args) {
    return args.contains("--help") || args.contains("-h");
  }

  /** "--chunk-rows must be an integer between 10 and 10000000 but was '9'". */
  static String outOfRange(String option, Range range, String value) {
    String allowed =
        range.max() == Integer.MAX_VALUE
            ? "of at least " + range.min()
            : "between " + range.min() + " and " + range.max();
    return option + " must be an integer " + allowed + " but was '" + value + "'";
  }

  static String needsValue(OptionSpec option) {
    Example example = annotation(option, Example.class);
    String name = option.longestName();
    return example == null
        ? name + " needs a value, e.g. " + name + " " + option.paramLabel()
        : name + " needs " + example.needs() + ", e.g. " + example.value();
  }

  static <A extends java.lang.annotation.Annotation> A annotation(ArgSpec arg, Class<A> type) {
    return arg.userObject() instanceof AnnotatedElement element
        ? element.getAnnotation(type)
        : null;
  }

  /** "verify", or "evidence check" for a command below a command. */
  static String qualifiedName(CommandSpec spec) {
    return spec.qualifiedName().substring(spec.root().name().length()).strip();
  }

  /** The first {@code --flag=value} given to a flag of {@code spec}, as its flag. */
  private static Optional<String> valueOnFlag(CommandSpec spec, List<String> args) {
    return args.stream()
        .filter(arg -> arg.startsWith("-") && arg.indexOf('=') > 0)
        .map(arg -> arg.substring(0, arg.indexOf('=')))
        .filter(
            name ->
                spec.findOption(name) != null
                    && spec.findOption(name).arity().max() == 0
                    && spec.optionsMap().containsKey(name))
        .findFirst();
  }

  private static String unmatched(CommandSpec spec, String word) {
    if (!word.startsWith("-")) {
      String name = qualifiedName(spec);
      return "unexpected argument '"
          + word
          + "'; "
          + (spec.positionalParameters().isEmpty()
              ? name + " takes only options"
              : "give "
                  + String.join(
                      " ", spec.positionalParameters().stream().map(p -> p.paramLabel()).toList())
                  + " first, then options")
          + " (see pgparity "
          + name
          + " --help)";
    }
    String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
    List<String> valid = validOptions(spec);
    return String.format(
        "unknown option '%s'%s; valid options: %s",
        name, Spelling.hint(name, valid), String.join(", ", valid));
  }

  private static String unknownAtRoot(CommandSpec root, String word) {
    List<String> commands =
        root.subcommands().entrySet().stream()
            .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
            .map(e -> e.getKey())
            .toList();
    String valid = String.join(", ", commands);
    if (word.startsWith("-")) {
      return "unknown option '" + word + "'; use --help, --version or a command: " + valid;
    }
    return "unknown command '"
        + word
        + "'"
        + Spelling.hint(word, commands)
        + "; valid commands: "
        + valid
        + " (see pgparity --help)";
  }

  /** The options of {@code spec} in the order its --help lists them. */
  static List<String> validOptions(CommandSpec spec) {
    return spec.options().stream().filter(o -> !o.hidden()).map(OptionSpec::longestName).toList();
  }
}
