package io.pgparity.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads what a verify run wrote, for assertions: summary.json and divergences.jsonl. */
public final class RunFiles {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RunFiles() {}

  public static JsonNode summary(Path runFolder) {
    return read(runFolder.resolve("summary.json"));
  }

  public static List<JsonNode> divergences(Path runFolder) {
    try {
      return Files.readAllLines(runFolder.resolve("divergences.jsonl")).stream()
          .filter(line -> !line.isBlank())
          .map(JSON::readTree)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The summary entry of one table, by its schema-qualified name. */
  public static JsonNode table(Path runFolder, String table) {
    for (JsonNode node : summary(runFolder).get("tables")) {
      if (node.get("table").asText().equals(table)) {
        return node;
      }
    }
    throw new AssertionError("summary.json has no table " + table);
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
