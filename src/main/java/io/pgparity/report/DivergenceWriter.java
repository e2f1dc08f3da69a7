package io.pgparity.report;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.compare.Divergence;
import io.pgparity.compare.RecheckedRow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams divergent rows to divergences.jsonl (full values) and divergences.csv (keys only) as they
 * are found, so memory does not grow with their number, and the rows rechecking settled as
 * converged or unstable to rechecks.jsonl (keys only). Safe to share between threads.
 */
public final class DivergenceWriter implements AutoCloseable {

  /** One compact JSON object per line. */
  public static final String JSONL_FILE = "divergences.jsonl";

  /** RFC 4180 CSV with the header {@link #CSV_HEADER}. */
  public static final String CSV_FILE = "divergences.csv";

  /** Converged and unstable rows, one compact JSON object (table, key, outcome, reads) per line. */
  public static final String RECHECKS_FILE = "rechecks.jsonl";

  /** The first line of the CSV file. */
  public static final String CSV_HEADER = "table,key,kind,columns";

  private static final int BUFFER_CHARS = 1 << 16;

  private final Path folder;
  private final Writer jsonl;
  private final Writer csv;
  private final Writer rechecks;
  private long count; // guarded by this
  private boolean closed; // guarded by this

  private DivergenceWriter(Path folder, Writer jsonl, Writer csv, Writer rechecks) {
    this.folder = folder;
    this.jsonl = jsonl;
    this.csv = csv;
    this.rechecks = rechecks;
  }

  /**
   * Creates (or truncates) both files in {@code runFolder}; the CSV header is on disk at once, so
   * both files exist even when no row diverges.
   */
  public static DivergenceWriter open(Path runFolder) {
    checkNotNull(runFolder, "runFolder");
    List<Writer> opened = new ArrayList<>();
    try {
      Writer jsonl = writer(runFolder.resolve(JSONL_FILE));
      opened.add(jsonl);
      Writer csv = writer(runFolder.resolve(CSV_FILE));
      opened.add(csv);
      Writer rechecks = writer(runFolder.resolve(RECHECKS_FILE));
      opened.add(rechecks);
      csv.write(CSV_HEADER + DivergenceFormat.CRLF);
      csv.flush();
      jsonl.flush();
      rechecks.flush();
      return new DivergenceWriter(runFolder, jsonl, csv, rechecks);
    } catch (IOException e) {
      for (Writer writer : opened) {
        try {
          writer.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw failure("cannot create divergence files in", runFolder, e);
    }
  }

  /** Appends one divergence to both files. */
  public void write(Divergence divergence) {
    checkNotNull(divergence, "divergence");
    // render outside the lock: it is the expensive part and needs no shared state
    String line = DivergenceFormat.jsonLine(divergence);
    String row = DivergenceFormat.csvRow(divergence);
    synchronized (this) {
      checkState(!closed, "the divergence writer for %s is already closed", folder);
      try {
        jsonl.write(line);
        jsonl.write('\n');
        csv.write(row);
      } catch (IOException e) {
        throw failure("cannot write divergences in", folder, e);
      }
      count++;
    }
  }

  /** Appends one converged or unstable row to rechecks.jsonl. */
  public void write(RecheckedRow row) {
    checkNotNull(row, "row");
    String line = DivergenceFormat.recheckLine(row);
    synchronized (this) {
      checkState(!closed, "the divergence writer for %s is already closed", folder);
      try {
        rechecks.write(line);
        rechecks.write('\n');
      } catch (IOException e) {
        throw failure("cannot write rechecked rows in", folder, e);
      }
    }
  }

  /** How many divergences were written so far. */
  public synchronized long count() {
    return count;
  }

  /** Flushes and closes both files; later calls do nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    IOException failure = null;
    for (Writer writer : List.of(jsonl, csv, rechecks)) {
      try {
        writer.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure("cannot finish divergence files in", folder, failure);
    }
  }

  private static Writer writer(Path file) throws IOException {
    // a Charset (not a CharsetEncoder) replaces unencodable input instead of failing the run
    return new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(file), UTF_8), BUFFER_CHARS);
  }

  private static UncheckedIOException failure(String what, Path folder, IOException e) {
    return new UncheckedIOException(
        what
            + " "
            + folder.toAbsolutePath()
            + " ("
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + "); check that the run folder is writable and the disk is not full",
        e);
  }
}
