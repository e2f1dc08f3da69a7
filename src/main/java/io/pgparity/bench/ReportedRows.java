package io.pgparity.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.report.DivergenceLine;
import io.pgparity.report.DivergenceWriter;
import io.pgparity.table.TableRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back the rows a run reported divergent: its divergences.jsonl, in file order, duplicates
 * kept, each line in the file's one schema ({@link DivergenceLine}).
 */
final class ReportedRows {

  private ReportedRows() {}

  /**
   * The rows of {@code <runFolder>/divergences.jsonl}; a line that is not a divergence is a failed
   * check.
   */
  static List<RowDivergence> read(Path runFolder) {
    Path file = runFolder.resolve(DivergenceWriter.JSONL_FILE);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<RowDivergence> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        rows.add(parse(lines.get(i), file, i + 1));
      }
    }
    return rows;
  }

  static RowDivergence parse(String line, Path file, int number) {
    try {
      DivergenceLine parsed = DivergenceLine.parse(line);
      return new RowDivergence(TableRef.parse(parsed.table()), parsed.key(), parsed.kind());
    } catch (IllegalArgumentException e) {
      throw new BenchCheckException(
          file
              + " line "
              + number
              + " is not a divergence with table, key and kind ("
              + e.getMessage()
              + "): "
              + line);
    }
  }
}
