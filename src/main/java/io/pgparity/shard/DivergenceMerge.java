package io.pgparity.shard;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.compare.Divergence;
import io.pgparity.config.ConfigException;
import io.pgparity.report.DivergenceLine;
import io.pgparity.report.DivergenceWriter;
import io.pgparity.report.MarkdownReportWriter;
import io.pgparity.report.RecheckLine;
import io.pgparity.table.TableRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;

/**
 * Streams the shards' divergences.jsonl and rechecks.jsonl, line by line in shard order, through
 * the run's own {@link DivergenceWriter}, so the merged files are written as a run writes them and
 * memory stays flat; it keeps only the first rows per table that the reports show.
 */
final class DivergenceMerge {

  private final List<TableRef> tables;
  private final DivergenceWriter writer;
  private final Map<TableRef, List<Divergence>> sample = new LinkedHashMap<>();
  private long rechecked;

  DivergenceMerge(List<TableRef> tables, DivergenceWriter writer) {
    this.tables = List.copyOf(tables);
    this.writer = writer;
  }

  /** Copies one shard's divergent and rechecked rows. */
  void add(ShardRun run) {
    lines(
        run.folder().resolve(DivergenceWriter.JSONL_FILE),
        line -> {
          Divergence d = DivergenceLine.parse(line).divergence(tables);
          writer.write(d);
          List<Divergence> rows = sample.computeIfAbsent(d.table(), t -> new ArrayList<>());
          if (rows.size() < MarkdownReportWriter.ROWS_PER_TABLE) {
            rows.add(d);
          }
        });
    lines(
        run.folder().resolve(DivergenceWriter.RECHECKS_FILE),
        line -> {
          writer.write(RecheckLine.parse(line).row(tables));
          rechecked++;
        });
  }

  /** The first divergent rows per table, for report.md and report.html. */
  List<Divergence> sample() {
    return sample.values().stream().flatMap(List::stream).toList();
  }

  long rechecked() {
    return rechecked;
  }

  private static void lines(Path file, Consumer<String> each) {
    if (!Files.isRegularFile(file)) {
      throw ShardRun.damaged(file, "it is missing");
    }
    try (BufferedReader reader = Files.newBufferedReader(file, UTF_8)) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          each.accept(line);
        } catch (IllegalArgumentException | JacksonException | NullPointerException e) {
          throw new ConfigException(
              "merge: "
                  + file
                  + " line "
                  + number
                  + " cannot be read ("
                  + e.getMessage()
                  + "); the shard's run folder is damaged: run that shard again");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
