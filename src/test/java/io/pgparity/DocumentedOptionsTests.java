package io.pgparity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.cli.Cli;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README and the reference pages name only options that the generated {@code --help} has: every
 * {@code --option} they mention exists in some command, and where a line shows one command ({@code
 * pgparity.jar verify ...}, or a command table row {@code | `bench [--rows N] ...`}), each option
 * on it (and its continuation lines) is that command's.
 */
class DocumentedOptionsTests {

  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");

  /** Options of other tools that the pages show, by the tool that has them. */
  private static final Map<String, String> OTHER_TOOLS =
      Map.of(
          "--rm", "docker run",
          "--from", "kubectl create job",
          "--chunk-time", "pt-table-checksum, which query-time is compared to",
          "--resume", "running-unattended.md explains why there is no such flag",
          "--cf", "pg_comparator, which bench runs beside verify",
          "--use-key", "pg_comparator, which bench runs beside verify");

  private final CommandLine root =
      new Cli(
              PgParityApplication.commands(
                  d -> {
                    throw new AssertionError("no run in this test");
                  }),
              new PrintStream(PrintStream.nullOutputStream()),
              new PrintStream(PrintStream.nullOutputStream()))
          .commandLine();

  @Test
  void everyDocumentedOptionIsInTheGeneratedHelp() throws IOException {
    Set<String> known = new TreeSet<>(options(root));
    known.add("--log-format"); // read before picocli (LogFormat), named in the root's help footer
    root.getSubcommands().values().forEach(sub -> known.addAll(options(sub)));
    Map<String, List<String>> unknown = new TreeMap<>();
    Map<String, List<String>> wrongCommand = new TreeMap<>();
    int checkedForCommand = 0;

    for (Path page : pages()) {
      List<String> lines = Files.readAllLines(page);
      for (int i = 0; i < lines.size(); i++) {
        String where = page + ":" + (i + 1);
        for (String option : options(lines.get(i))) {
          if (!known.contains(option) && !OTHER_TOOLS.containsKey(option)) {
            unknown.computeIfAbsent(where, w -> new ArrayList<>()).add(option);
          }
        }
        StringBuilder shown = new StringBuilder(lines.get(i));
        for (int j = i; lines.get(j).endsWith("\\") && j + 1 < lines.size(); j++) {
          shown.append(' ').append(lines.get(j + 1));
        }
        Matcher option = OPTION.matcher(shown);
        while (option.find()) {
          String command = commandBefore(shown.substring(0, option.start()));
          if (command == null) {
            continue;
          }
          checkedForCommand++;
          if (!options(root.getSubcommands().get(command)).contains(option.group())
              && !OTHER_TOOLS.containsKey(option.group())) {
            wrongCommand
                .computeIfAbsent(where + " (" + command + ")", w -> new ArrayList<>())
                .add(option.group());
          }
        }
      }
    }

    assertThat(unknown).as("options in the docs that no command has").isEmpty();
    assertThat(wrongCommand).as("options shown with a command that lacks them").isEmpty();
    assertThat(checkedForCommand).as("options checked against their command").isGreaterThan(20);
  }

  @Test
  void aMisspeltOptionInAPageIsCaught() {
    assertThat(commandBefore("java -jar target/pgparity.jar verify --tabel")).isEqualTo("verify");
    assertThat(commandBefore("| `merge <run folder>` joins the folders of `verify "))
        .isEqualTo("verify");
    assertThat(commandBefore("see --help")).isNull();
    assertThat(options(root.getSubcommands().get("verify")))
        .doesNotContain("--tabel")
        .contains("--table");
    assertThat(options("| `bench [--rows N] [--rounds R]` | the benchmark"))
        .containsExactly("--rows", "--rounds");
  }

  /**
   * The command that text shows last, where an option after it belongs: {@code pgparity verify},
   * {@code pgparity.jar verify}, or {@code `verify } as in the command table; null when none.
   */
  private String commandBefore(String text) {
    String last = null;
    int at = -1;
    for (String name : root.getSubcommands().keySet()) {
      Matcher m = Pattern.compile("(pgparity(\\.jar)? |`)" + name + "\\b").matcher(text);
      while (m.find()) {
        if (m.start() > at) {
          at = m.start();
          last = name;
        }
      }
    }
    return last;
  }

  private static Set<String> options(CommandLine command) {
    Set<String> names = new TreeSet<>();
    for (OptionSpec option : command.getCommandSpec().options()) {
      names.addAll(List.of(option.names()));
    }
    return names;
  }

  private static List<String> options(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = OPTION.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("jobs/README.md")));
    try (Stream<Path> site = Files.list(Path.of("src/site/markdown"))) {
      site.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    assertThat(pages).allMatch(Files::isRegularFile);
    return pages;
  }
}
