package io.pgparity.shard;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.table.TableRef;
import io.pgparity.compare.Divergence;
import io.pgparity.compare.RecheckOutcome;
import io.pgparity.compare.RecheckedRow;
import io.pgparity.config.ConfigException;
import io.pgparity.repair.DivergenceLines;
import io.pgparity.report.DivergenceWriter;
import io.pgparity.report.MarkdownReportWriter;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams the shards' divergences.jsonl and rechecks.jsonl, line by line in shard order, through
 * the run's own {@link DivergenceWriter}, so the merged files are written as a run writes them and
 * memory stays flat; it keeps only the first rows per table that the reports show.
 */
final class DivergenceMerge {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

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
    lines(run.folder().resolve(DivergenceWriter.JSONL_FILE), line -> {
      Divergence d = DivergenceLines.parse(line, tables);
      writer.write(d);
      List<Divergence> rows = sample.computeIfAbsent(d.table(), t -> new ArrayList<>());
      if (rows.size() < MarkdownReportWriter.ROWS_PER_TABLE) {
        rows.add(d);
      }
    });
    lines(run.folder().resolve(DivergenceWriter.RECHECKS_FILE), line -> {
      writer.write(recheck(line));
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

  private RecheckedRow recheck(String line) {
    JsonNode node = MAPPER.readTree(line);
    String table = node.path("table").asString("");
    TableRef ref = tables.stream().filter(t -> t.toString().equals(table)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("table " + table + " is not in the run's summary.json"));
    JsonNode keyNode = node.get("key");
    if (keyNode == null || !keyNode.isObject()) {
      throw new IllegalArgumentException("no key object");
    }
    Map<String, String> key = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : keyNode.properties()) {
      key.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString());
    }
    return new RecheckedRow(ref, key, RecheckOutcome.valueOf(node.path("outcome").asString("")),
        node.path("reads").asInt(0));
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
          throw new ConfigException("merge: " + file + " line " + number + " cannot be read (" + e.getMessage()
              + "); the shard's run folder is damaged: run that shard again");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
