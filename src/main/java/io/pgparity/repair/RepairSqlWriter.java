package io.pgparity.repair;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.table.TableRef;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes repair.sql: the header, then inserts and updates table by table (parents first), then
 * deletes (children first), in one transaction. Statements are spooled to owner-only temporary
 * files as they are made, so memory does not grow with the number of rows; {@link #finish} puts the
 * file in place in one step, owner-only (rw-------).
 */
public final class RepairSqlWriter implements AutoCloseable {

  /** The file name inside a run folder. */
  public static final String FILE_NAME = "repair.sql";

  private final Path file;
  private final Path upserts;
  private final Writer upsertWriter;
  private final Map<TableRef, Path> deletes = new LinkedHashMap<>();
  private final Map<TableRef, Writer> deleteWriters = new LinkedHashMap<>();
  private final List<Path> temporaries = new ArrayList<>();
  private TableRef lastUpsertTable;
  private RepairCounts counts = RepairCounts.none();

  RepairSqlWriter(Path runFolder) {
    this.file = runFolder.resolve(FILE_NAME);
    this.upserts = temporary("upserts");
    this.upsertWriter = open(upserts);
  }

  /** Adds one statement in its place: inserts and updates in call order, deletes per table. */
  void add(RepairStatement statement) {
    try {
      if (statement.kind() == RepairKind.DELETE) {
        Writer writer = deleteWriters.get(statement.table());
        if (writer == null) {
          Path path = temporary("deletes");
          deletes.put(statement.table(), path);
          writer = open(path);
          deleteWriters.put(statement.table(), writer);
          writer.write("-- " + RepairHeader.comment(statement.table().toString()) + ": deletes\n");
        }
        write(writer, statement);
      } else {
        if (!statement.table().equals(lastUpsertTable)) {
          upsertWriter.write(
              "-- "
                  + RepairHeader.comment(statement.table().toString())
                  + ": inserts and updates\n");
          lastUpsertTable = statement.table();
        }
        write(upsertWriter, statement);
      }
    } catch (IOException e) {
      throw PrivateFiles.failure("cannot write", file, e);
    }
    counts = counts.plus(statement.kind());
  }

  RepairCounts counts() {
    return counts;
  }

  /**
   * Writes repair.sql from the header and the spooled statements; deletes go in {@code order}'s
   * children-first order.
   */
  Path finish(RepairHeader header, TableOrder order, List<String> sequenceLines) {
    Path assembled = temporary("sql");
    try {
      upsertWriter.close();
      for (Writer writer : deleteWriters.values()) {
        writer.close();
      }
      try (Writer out = open(assembled)) {
        for (String line : header.lines(counts, order)) {
          out.write(line);
          out.write('\n');
        }
        out.write("BEGIN;\n");
        copy(upserts, out);
        for (TableRef table : order.childrenFirst()) {
          if (deletes.containsKey(table)) {
            copy(deletes.get(table), out);
          }
        }
        out.write("COMMIT;\n");
        // setval is not transactional: it comes after the rows, so the sequences pass their data
        for (String line : sequenceLines) {
          out.write(line);
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw PrivateFiles.failure("cannot write", file, e);
    }
    PrivateFiles.moveInto(assembled, file);
    temporaries.remove(assembled);
    return file;
  }

  /** Closes and deletes the temporary files; repair.sql stays if {@link #finish} wrote it. */
  @Override
  public void close() {
    List<Writer> writers = new ArrayList<>(deleteWriters.values());
    writers.add(upsertWriter);
    for (Writer writer : writers) {
      try {
        writer.close();
      } catch (IOException e) {
        // only temporary files: nothing is lost
      }
    }
    for (Path temp : temporaries) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // left behind owner-only; the run folder is the place to look
      }
    }
  }

  private static void write(Writer writer, RepairStatement statement) throws IOException {
    if (statement.note() != null) {
      writer.write("-- " + RepairHeader.comment(statement.note()) + "\n");
    }
    writer.write(statement.sql());
    writer.write('\n');
  }

  private static void copy(Path from, Writer to) throws IOException {
    try (var reader = Files.newBufferedReader(from, UTF_8)) {
      reader.transferTo(to);
    }
  }

  private Path temporary(String suffix) {
    Path temp = PrivateFiles.tempBeside(file, "." + suffix + ".tmp");
    temporaries.add(temp);
    return temp;
  }

  private static Writer open(Path path) {
    try {
      return Files.newBufferedWriter(path, UTF_8);
    } catch (IOException e) {
      throw PrivateFiles.failure("cannot open", path, e);
    }
  }
}
