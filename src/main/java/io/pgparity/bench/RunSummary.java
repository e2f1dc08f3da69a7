package io.pgparity.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.catalog.TableRef;
import io.pgparity.report.SummaryJsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the benchmark reads back from a run's summary.json. {@code runSeconds} is the run from its
 * {@code startedAt} to its {@code finishedAt}: everything the job does before it writes its report
 * files (connecting, the replication probe and audit, planning with its catalog reads and key
 * sampling, hashing, lag waits, diffing, rechecks), without the JVM's Spring start-up before it.
 * {@code hashDiffSeconds} is the table's own {@code seconds}: its hash and diff work only.
 */
record RunSummary(
    String status, double runSeconds, double hashDiffSeconds, long divergentRows, long convergedRows,
    long unstableRows) {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** Reads {@code <runFolder>/summary.json}; the table must be in it with a time. */
  static RunSummary read(Path runFolder, TableRef table) {
    Path file = runFolder.resolve(SummaryJsonWriter.FILE_NAME);
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(file, UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    double runSeconds = runSeconds(root, file);
    JsonNode totals = root.path("totals");
    for (JsonNode node : root.path("tables")) {
      if (table.toString().equals(node.path("table").asString()) && node.path("seconds").isNumber()) {
        return new RunSummary(root.path("status").asString(), runSeconds, node.path("seconds").asDouble(),
            totals.path("divergentRows").asLong(), totals.path("convergedRows").asLong(),
            totals.path("unstableRows").asLong());
      }
    }
    throw new IllegalStateException(file + " has no time for table " + table + "; is it the run of that table?");
  }

  private static double runSeconds(JsonNode root, Path file) {
    try {
      Instant started = Instant.parse(root.path("startedAt").asString());
      Instant finished = Instant.parse(root.path("finishedAt").asString());
      return Duration.between(started, finished).toNanos() / 1e9;
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(file + " has no valid startedAt and finishedAt: " + e.getMessage(), e);
    }
  }
}
