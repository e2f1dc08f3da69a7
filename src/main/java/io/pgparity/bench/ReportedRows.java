package io.pgparity.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.table.TableRef;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.report.DivergenceWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads back the rows a run reported divergent: its divergences.jsonl, in file order, duplicates kept. */
final class ReportedRows {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ReportedRows() {}

  /** The rows of {@code <runFolder>/divergences.jsonl}; a line that is not a divergence is a failed check. */
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
      JsonNode node = MAPPER.readTree(line);
      String kind = node.path("kind").asString("");
      if (Arrays.stream(DivergenceKind.values()).noneMatch(k -> k.name().equals(kind))
          || !node.path("key").isObject() || node.path("key").isEmpty() || !node.path("table").isString()) {
        throw new BenchCheckException(file + " line " + number + " is not a divergence with table, key and kind: "
            + line);
      }
      Map<String, String> key = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> column : node.path("key").properties()) {
        key.put(column.getKey(), column.getValue().isNull() ? null : column.getValue().asString());
      }
      return new RowDivergence(TableRef.parse(node.path("table").asString()), key, DivergenceKind.valueOf(kind));
    } catch (JacksonException e) {
      throw new BenchCheckException(file + " line " + number + " is not JSON: " + e.getOriginalMessage());
    }
  }
}
