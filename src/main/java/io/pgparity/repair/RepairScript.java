package io.pgparity.repair;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.config.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A repair.sql read back for applying, as the user reviewed (and perhaps trimmed) it: the header's
 * target, the SET lines before BEGIN, then one statement per line, streamed. Comment and blank
 * lines are skipped, BEGIN and COMMIT are left to the applier; any other line is refused, so only
 * statements of the shapes pgparity writes are run.
 */
public final class RepairScript implements AutoCloseable {

  /** One statement with its line number in the file. */
  record Line(int number, RepairKind kind, String sql) {}

  private final Path file;
  private final BufferedReader reader;
  private final RepairTarget target;
  private final List<String> settings;
  private int number;

  private RepairScript(
      Path file, BufferedReader reader, RepairTarget target, List<String> settings, int number) {
    this.file = file;
    this.reader = reader;
    this.target = target;
    this.settings = List.copyOf(settings);
    this.number = number;
  }

  /** Opens the file and reads everything up to BEGIN; a ConfigException says what is wrong. */
  public static RepairScript open(Path file) {
    BufferedReader reader;
    try {
      reader = Files.newBufferedReader(file, UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          file + " does not exist; build it first: pgparity repair " + file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + file.toAbsolutePath() + " (" + e.getMessage() + ")", e);
    }
    try {
      RepairTarget target = null;
      List<String> settings = new ArrayList<>();
      int number = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.startsWith("-- target: ")) {
          String label = line.substring("-- target: ".length()).trim();
          target =
              RepairTarget.parse(label)
                  .orElseThrow(() -> rebuild(file, "names an unknown target '" + label + "'"));
        } else if (line.startsWith("SET ") && line.endsWith(";")) {
          settings.add(line);
        } else if (line.equals("BEGIN;")) {
          if (target == null) {
            throw rebuild(file, "has no '-- target:' line in its header");
          }
          return new RepairScript(file, reader, target, settings, number);
        } else if (!line.isBlank() && !line.startsWith("--")) {
          throw rebuild(
              file, "line " + number + " comes before BEGIN and is neither a comment nor a SET");
        }
      }
      throw rebuild(file, "has no BEGIN line");
    } catch (IOException e) {
      close(reader);
      throw new UncheckedIOException(
          "cannot read " + file.toAbsolutePath() + " (" + e.getMessage() + ")", e);
    } catch (RuntimeException e) {
      close(reader);
      throw e;
    }
  }

  public RepairTarget target() {
    return target;
  }

  /** The SET statements of the header, in file order. */
  List<String> settings() {
    return settings;
  }

  /** Whether the file turns triggers off (session_replication_role = replica). */
  public boolean triggers() {
    return !settings.contains(RepairHeader.NO_TRIGGERS);
  }

  /** The next statement, or empty at the end of the file. */
  Optional<Line> next() {
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()
            || line.startsWith("--")
            || line.equals("BEGIN;")
            || line.equals("COMMIT;")) {
          continue;
        }
        for (RepairKind kind : RepairKind.values()) {
          if (line.startsWith(kind.start()) && line.endsWith(";")) {
            return Optional.of(new Line(number, kind, line));
          }
        }
        throw rebuild(
            file,
            "line "
                + number
                + " is not a statement pgparity writes (INSERT INTO, UPDATE, DELETE FROM or SELECT"
                + " pg_catalog.setval"
                + " on one line, ending in ';')");
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + file.toAbsolutePath() + " (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public void close() {
    close(reader);
  }

  private static void close(BufferedReader reader) {
    try {
      reader.close();
    } catch (IOException e) {
      // read-only: nothing to lose
    }
  }

  private static ConfigException rebuild(Path file, String problem) {
    return new ConfigException(
        file
            + " "
            + problem
            + "; it is not a repair.sql pgparity can apply: rebuild it with"
            + " pgparity repair "
            + file.toAbsolutePath().getParent());
  }
}
