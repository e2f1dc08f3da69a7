package io.pgparity.report;

import static io.pgparity.report.ReportFixtures.USERS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.compare.Divergence;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.verdict.ExitCode;
import io.pgparity.verdict.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportWriterTests {

  @TempDir Path dir;

  @Test
  void matchesTheGoldenFile() throws Exception {
    Path file = dir.resolve("report.md");

    new MarkdownReportWriter().write(ReportFixtures.run(), ReportFixtures.sample(), file);

    String actual = Files.readString(file, UTF_8);
    assertThat(actual).isEqualTo(ReportFixtures.golden("report.md", actual));
  }

  @Test
  void everyTableRowHasAsManyCellsAsItsHeader() {
    String report = MarkdownReportWriter.render(ReportFixtures.run(), ReportFixtures.sample());

    int expected = -1;
    for (String line : report.split("\n")) {
      if (!line.startsWith("|")) {
        expected = -1;
        continue;
      }
      int cells = line.split("(?<!\\\\)\\|", -1).length;
      if (expected < 0) {
        expected = cells;
      }
      assertThat(cells).as(line).isEqualTo(expected);
    }
  }

  @Test
  void aNullKeyShowsAsNullApartFromTheTextNullAndSurplusCopiesShowTheirCount() {
    Divergence nullKey =
        new Divergence(
            USERS,
            ReportFixtures.row("id", null),
            DivergenceKind.EXTRA_ON_REPLICA,
            List.of(),
            null,
            ReportFixtures.row("id", null, "name", "n"));
    Divergence textKey =
        new Divergence(
            USERS,
            Map.of("id", "NULL"),
            DivergenceKind.MISSING_ON_REPLICA,
            List.of(),
            Map.of("id", "NULL", "name", "t"),
            null);
    RunResult r =
        ReportFixtures.run(
            Status.DIVERGENT, List.of(ReportFixtures.table(USERS, Status.DIVERGENT, 1, 2, 0)));

    String report = MarkdownReportWriter.render(r, List.of(nullKey, nullKey, textKey));

    assertThat(
            report
                .lines()
                .filter(
                    l ->
                        l.equals(
                            "| id=*null* | EXTRA_ON_REPLICA (2 copies) |  | *absent* | *present* |")))
        .hasSize(1);
    assertThat(report).contains("| id=`NULL` | MISSING_ON_REPLICA |");
  }

  @Test
  void showsAtMostTwentyDivergencesPerTable() {
    List<Divergence> sample = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      sample.add(
          new Divergence(
              USERS,
              Map.of("id", "row" + i),
              DivergenceKind.MISSING_ON_REPLICA,
              List.of(),
              Map.of("id", "row" + i),
              null));
    }

    RunResult r =
        ReportFixtures.run(
            Status.DIVERGENT, List.of(ReportFixtures.table(USERS, Status.DIVERGENT, 25, 0, 0)));

    String report = MarkdownReportWriter.render(r, sample);

    assertThat(report).contains("id=`row19`").doesNotContain("id=`row20`");
    assertThat(report).contains("Showing 20 of 25. All are in `divergences.jsonl`.");
  }

  @Test
  void saysSoWhenNothingDiverged() {
    RunResult r =
        ReportFixtures.run(
            Status.CONSISTENT, List.of(ReportFixtures.table(USERS, Status.CONSISTENT, 0, 0, 0)));

    String report = MarkdownReportWriter.render(r, List.of());

    assertThat(report)
        .startsWith("# pgparity report: auth — CONSISTENT\n\n1 table, 10 rows compared")
        .contains("| replica | unknown |")
        .contains("No divergent rows were found.")
        .doesNotContain("## Notes");
  }

  @Test
  void explainsTheExitCodesTheCliUses() {
    String report = MarkdownReportWriter.render(ReportFixtures.run(), List.of());

    assertThat(report)
        .contains(ExitCode.CONSISTENT.code() + " consistent")
        .contains(ExitCode.DIVERGENT.code() + " divergent")
        .contains(ExitCode.USAGE.code() + " usage")
        .contains(ExitCode.RUNTIME_FAILURE.code() + " runtime failure")
        .contains(ExitCode.INCOMPLETE.code() + " incomplete");
  }
}
