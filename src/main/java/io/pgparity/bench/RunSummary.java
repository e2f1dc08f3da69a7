package io.pgparity.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.table.TableRef;
import io.pgparity.report.SummaryJsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the benchmark reads back from a run's summary.json: the table's own {@code seconds}, its
 * hash and diff work only, and the run's counts of divergent, converged and unstable rows.
 */
record RunSummary(double hashDiffSeconds, long divergentRows, long convergedRows, long unstableRows) {

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
    JsonNode totals = root.path("totals");
    for (JsonNode node : root.path("tables")) {
      if (table.toString().equals(node.path("table").asString()) && node.path("seconds").isNumber()) {
        return new RunSummary(node.path("seconds").asDouble(),
            totals.path("divergentRows").asLong(), totals.path("convergedRows").asLong(),
            totals.path("unstableRows").asLong());
      }
    }
    throw new IllegalStateException(file + " has no time for table " + table + "; is it the run of that table?");
  }
}
