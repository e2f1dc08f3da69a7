package io.pgparity.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads a job file into its YAML node tree, turning I/O and syntax errors into file:line. */
final class YamlFile {

  private YamlFile() {}

  /**
   * The root node of the single document in {@code file}. The node tree, unlike constructed maps,
   * keeps every value's line and does not instantiate arbitrary tagged types.
   */
  static Node compose(Path file) {
    String fileName = file.toString();
    Node root;
    try {
      root = new Yaml().compose(new StringReader(read(file)));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 1 : mark.getLine() + 1;
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      if (e.getContext() != null && problem.startsWith("but ")) {
        // e.g. "expected a single document in the stream" + "but found another document"
        problem = e.getContext() + " " + problem;
      }
      throw new ConfigException(
          fileName
              + ":"
              + line
              + ": invalid YAML: "
              + oneLine(problem)
              + "; fix the syntax (indent"
              + " with spaces, quote values that contain ': ', ' #' or '${')",
          e);
    } catch (YAMLException e) {
      throw new ConfigException(fileName + ":1: invalid YAML: " + oneLine(e.getMessage()), e);
    }
    if (root == null) {
      throw new ConfigException(
          fileName
              + ":1: the job file is empty; it needs at least name, primary, replica and"
              + " tables (see jobs/README.md)");
    }
    return root;
  }

  private static String read(Path file) {
    String fileName = file.toString();
    try {
      byte[] bytes = Files.readAllBytes(file);
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      // editors on Windows like to start UTF-8 files with a byte order mark
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (NoSuchFileException e) {
      throw new ConfigException(fileName + ": no such job file; check the path given to --job", e);
    } catch (CharacterCodingException e) {
      throw new ConfigException(fileName + ": the job file is not UTF-8 text; save it as UTF-8", e);
    } catch (IOException e) {
      throw new ConfigException(
          fileName
              + ": cannot read the job file ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); check the path and its permissions",
          e);
    }
  }

  private static String oneLine(String text) {
    return String.valueOf(text).replaceAll("\\s+", " ").trim();
  }
}
