package io.pgparity.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTests {

  @TempDir Path dir;

  @Test
  void writesReportAndSummaryIntoTheRunFolder() throws Exception {
    RunResult result = inFolder(ReportFixtures.run(), dir);

    new ReportWriter().writeAll(result, ReportFixtures.sample());

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("report.md", "report.html", "summary.json");
    }
    assertThat(dir.resolve("report.md")).content().contains("## First divergences");
    assertThat(dir.resolve("report.html")).content().contains("<h2>First divergences</h2>");
  }

  @Test
  void writesNoSummaryWhenTheReportFails() throws Exception {
    // a non-empty folder where report.md belongs cannot be replaced
    Files.createDirectories(dir.resolve("report.md").resolve("blocker"));
    RunResult result = inFolder(ReportFixtures.run(), dir);

    assertThatThrownBy(() -> new ReportWriter().writeAll(result, List.of()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("report.md");
    assertThat(dir.resolve("summary.json")).doesNotExist();
  }

  @Test
  void writesNoSummaryWhenTheHtmlReportFails() throws Exception {
    Files.createDirectories(dir.resolve("report.html").resolve("blocker"));
    RunResult result = inFolder(ReportFixtures.run(), dir);

    assertThatThrownBy(() -> new ReportWriter().writeAll(result, List.of()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("report.html");
    assertThat(dir.resolve("summary.json")).doesNotExist();
  }

  @Test
  void needsARunFolder() {
    RunResult result = inFolder(ReportFixtures.run(), null);

    assertThatThrownBy(() -> new ReportWriter().writeAll(result, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RunFolder.create");
  }

  private static RunResult inFolder(RunResult r, Path folder) {
    return new RunResult(
        r.run(),
        folder,
        r.status(),
        r.startedAt(),
        r.finishedAt(),
        r.servers(),
        r.tables(),
        null,
        RunResult.Sharding.NONE,
        null,
        null);
  }
}
