package io.pgparity.metrics;

import io.pgparity.report.SummaryJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a job's newest run that judged every row, read from its run folders' summary.json. The
 * metrics of a failed run carry it over, so that "last success" survives a file or a Pushgateway
 * group that each run replaces whole.
 */
final class LastSuccess {

  private static final Logger log = LoggerFactory.getLogger(LastSuccess.class);

  private LastSuccess() {}

  /** Scans {@code jobFolder}'s run folders, newest first (run ids sort by start time). */
  static Optional<Instant> find(Path jobFolder) {
    if (!Files.isDirectory(jobFolder)) {
      return Optional.empty();
    }
    List<Path> runs;
    try (Stream<Path> children = Files.list(jobFolder)) {
      runs =
          children
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
              .toList();
    } catch (IOException e) {
      log.debug("cannot list {}", jobFolder, e);
      return Optional.empty();
    }
    for (Path run : runs) {
      Optional<Instant> finished = successEnd(run.resolve(SummaryJson.FILE_NAME));
      if (finished.isPresent()) {
        return finished;
      }
    }
    return Optional.empty();
  }

  private static Optional<Instant> successEnd(Path summary) {
    if (!Files.isRegularFile(summary)) {
      return Optional.empty();
    }
    try {
      SummaryJson read = SummaryJson.read(summary);
      return RunMetrics.success(read.status()) ? Optional.of(read.finishedAt()) : Optional.empty();
    } catch (RuntimeException e) {
      // a summary from another version or a damaged file is skipped, not fatal
      log.debug("cannot read {}", summary, e);
      return Optional.empty();
    }
  }
}
