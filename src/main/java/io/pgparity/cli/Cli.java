package io.pgparity.cli;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.config.ConfigException;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.verdict.ExitCode;
import io.pgparity.version.Version;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code pgparity} front end: a picocli command line with one sub-command per {@link Command},
 * generated usage help (the exit-code lists from {@link ExitCodeHelp}), {@code --version}, a hidden
 * {@code generate-completion}, and every mistake turned into one line on stderr with exit code 2.
 */
public final class Cli {

  /** The word of the hidden command that prints a bash/zsh completion script. */
  public static final String COMPLETION = "generate-completion";

  /** Columns of --help: the descriptions keep a value and its default on one line. */
  private static final int HELP_WIDTH = 110;

  private final CommandLine commandLine;
  private final PrintStream out;
  private final PrintStream err;

  /**
   * {@code commands} become the sub-commands, in this order (demo and bench come from the entry
   * point).
   */
  public Cli(List<? extends Command> commands, PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
    Root root = new Root(err);
    commandLine = new CommandLine(root);
    Set<String> names = new HashSet<>();
    for (Command command : commands) {
      checkArgument(names.add(command.name()), "two commands are named %s", command.name());
      commandLine.addSubcommand(command);
    }
    commandLine.addSubcommand(new CommandLine.HelpCommand());
    commandLine.addSubcommand(COMPLETION, new AutoComplete.GenerateCompletion());
    commandLine.getSubcommands().get("help").getCommandSpec().usageMessage().hidden(true);
    commandLine.getSubcommands().get(COMPLETION).getCommandSpec().usageMessage().hidden(true);
    configure(commandLine, out, err);
    root.spec = commandLine.getCommandSpec();
  }

  /** Runs the command line and returns the process exit code. */
  public int run(String... args) {
    try {
      return commandLine.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Runs {@code command} alone, as {@code pgparity <name> args...} would. */
  static int runAlone(Command command, List<String> args, PrintStream out, PrintStream err) {
    List<String> all = new ArrayList<>();
    all.add(command.name());
    all.addAll(args);
    return new Cli(List.of(command), out, err).run(all.toArray(String[]::new));
  }

  /**
   * Parses {@code args} into {@code command}'s options as {@code pgparity <name>} would, without
   * running it.
   *
   * @return whether --help was asked for
   * @throws ConfigException with the one line the command line would print after "pgparity: "
   */
  public static boolean parse(Command command, List<String> args) {
    PrintStream discard = new PrintStream(PrintStream.nullOutputStream());
    CommandLine commandLine = new Cli(List.of(command), discard, discard).commandLine;
    List<String> all = new ArrayList<>();
    all.add(command.name());
    all.addAll(args);
    try {
      ParseResult result = commandLine.parseArgs(all.toArray(String[]::new));
      ParseResult sub = result.subcommand();
      if (sub.isUsageHelpRequested()) {
        return true;
      }
      checkOptions(sub);
      return false;
    } catch (ParameterException e) {
      if (UsageMessages.wantsHelp(args)) {
        return true;
      }
      throw new ConfigException(UsageMessages.of(e, all));
    }
  }

  private static void configure(CommandLine commandLine, PrintStream out, PrintStream err) {
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    // a repeated flag is harmless; a repeated value is refused by checkOptions, in pgparity's words
    commandLine.setOverwrittenOptionsAllowed(true);
    commandLine.setUsageHelpWidth(HELP_WIDTH);
    commandLine.registerConverter(Integer.class, new Converters.WholeNumber());
    commandLine.registerConverter(int.class, new Converters.WholeNumber());
    commandLine.registerConverter(String.class, new Converters.Text());
    commandLine.registerConverter(java.nio.file.Path.class, new Converters.PathValue());
    commandLine.setParameterExceptionHandler(
        (e, args) -> {
          if (e.getCommandLine().getCommandSpec().parent() != null
              && UsageMessages.wantsHelp(Arrays.asList(args))) {
            e.getCommandLine().usage(out);
            return ExitCode.CONSISTENT.code();
          }
          err.println("pgparity: " + UsageMessages.of(e, Arrays.asList(args)));
          err.flush();
          return ExitCode.USAGE.code();
        });
    commandLine.setExecutionExceptionHandler(
        (e, failed, parseResult) -> {
          if (e instanceof ConfigException) {
            err.println("pgparity: " + e.getMessage());
            return ExitCode.USAGE.code();
          }
          // commands report their own failures; this is the safety net for ones that let them
          // escape
          err.println(
              "pgparity: "
                  + failed.getCommandName()
                  + " failed unexpectedly: "
                  + PasswordResolver.redact(String.valueOf(e)));
          return ExitCode.RUNTIME_FAILURE.code();
        });
    commandLine.setExecutionStrategy(
        parseResult -> {
          ParseResult last = parseResult;
          while (last.hasSubcommand()) {
            last = last.subcommand();
          }
          if (!last.isUsageHelpRequested() && !last.isVersionHelpRequested()) {
            checkOptions(last);
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
    walk(commandLine, out, err);
  }

  /** Streams, exit codes and help layout for every command of the tree. */
  private static void walk(CommandLine commandLine, PrintStream out, PrintStream err) {
    CommandSpec spec = commandLine.getCommandSpec();
    Map<ExitCode, String> codes =
        spec.userObject() instanceof Command command
            ? command.exitCodes()
            : spec.parent() == null ? ExitCodeHelp.all() : Map.of();
    if (spec.userObject() instanceof Command command) {
      command.printTo(out, err);
    }
    if (!codes.isEmpty()) {
      spec.usageMessage()
          .exitCodeListHeading("%nExit codes:%n")
          .exitCodeList(ExitCodeHelp.forHelp(codes));
      commandLine
          .getHelpSectionMap()
          .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST, Cli::exitCodeList);
    }
    commandLine.getSubcommands().values().forEach(sub -> walk(sub, out, err));
  }

  /** " 0 consistent: ...", the meaning wrapped under itself. */
  private static String exitCodeList(Help help) {
    Map<String, String> codes = help.commandSpec().usageMessage().exitCodeList();
    int width = help.commandSpec().usageMessage().width();
    TextTable table =
        TextTable.forColumns(
            help.colorScheme(),
            new Column(5, 2, Column.Overflow.SPAN),
            new Column(width - 5, 0, Column.Overflow.WRAP));
    codes.forEach(table::addRowValues);
    return table.toString();
  }

  /**
   * What picocli cannot say in annotations: a value option given twice, and an integer outside its
   * {@link Range}.
   */
  private static void checkOptions(ParseResult result) {
    CommandLine commandLine = result.commandSpec().commandLine();
    for (OptionSpec option : result.matchedOptions()) {
      List<String> given = option.originalStringValues();
      boolean single = option.arity().max() == 1 && !option.isMultiValue();
      if (single && given.size() > 1) {
        throw new UsageMessages.Stated(
            commandLine, option.longestName() + " is given twice; give it once");
      }
      Range range = UsageMessages.annotation(option, Range.class);
      if (range != null
          && option.getValue() instanceof Integer number
          && (number < range.min() || number > range.max())) {
        throw new UsageMessages.Stated(
            commandLine,
            UsageMessages.outOfRange(option.longestName(), range, given.get(given.size() - 1)));
      }
    }
  }

  /** {@code pgparity} itself: without a command it prints its usage on stderr and fails. */
  @CommandLine.Command(
      name = "pgparity",
      mixinStandardHelpOptions = true,
      versionProvider = Root.VersionText.class,
      customSynopsis = {"pgparity <command> [options]", "       pgparity --help | --version"},
      description = {
        "",
        "Proves a PostgreSQL replica holds the same rows as its primary, and says where it does not."
      },
      commandListHeading = "%nCommands:%n",
      footerHeading = "%n",
      footer = {
        "Run 'pgparity <command> --help' for the options of a command.",
        "--log-format text|json (any command; or PGPARITY_LOG_FORMAT=json): json writes one JSON object per"
            + " stderr log line.",
        "Shell completion: source <(pgparity " + COMPLETION + ")."
      })
  static final class Root implements Callable<Integer> {

    private final PrintStream err;
    CommandSpec spec;

    Root(PrintStream err) {
      this.err = err;
    }

    @Override
    public Integer call() {
      spec.commandLine().usage(err);
      return ExitCode.USAGE.code();
    }

    /** "pgparity 1.2.3", from the Maven-filtered resource. */
    static final class VersionText implements CommandLine.IVersionProvider {
      @Override
      public String[] getVersion() {
        return new String[] {"pgparity " + Version.current()};
      }
    }
  }

  /** For tests: the command line with its sub-commands. */
  public CommandLine commandLine() {
    return commandLine;
  }
}
