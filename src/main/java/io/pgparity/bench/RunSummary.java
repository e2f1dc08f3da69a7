package io.pgparity.bench;

import io.pgparity.report.SummaryJson;
import io.pgparity.table.TableRef;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;

/**
 * What the benchmark reads back from a run's summary.json: the table's own {@code seconds}, its
 * hash and diff work only, and the run's counts of divergent, converged and unstable rows.
 */
record RunSummary(
    double hashDiffSeconds, long divergentRows, long convergedRows, long unstableRows) {

  /**
   * Reads {@code <runFolder>/summary.json} ({@link SummaryJson}); the table must be in it with a
   * time.
   */
  static RunSummary read(Path runFolder, TableRef table) {
    Path file = runFolder.resolve(SummaryJson.FILE_NAME);
    SummaryJson summary;
    try {
      summary = SummaryJson.read(file);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (summary.totals() == null) {
      throw new IllegalStateException(file + " has no totals");
    }
    SummaryJson.Totals totals = summary.totals();
    return summary.tables().stream()
        .filter(t -> t.table().equals(table.toString()) && t.seconds() != null)
        .findFirst()
        .map(
            t ->
                new RunSummary(
                    t.seconds().doubleValue(),
                    totals.divergentRows(),
                    totals.convergedRows(),
                    totals.unstableRows()))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    file + " has no time for table " + table + "; is it the run of that table?"));
  }
}
