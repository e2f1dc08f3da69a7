package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import io.pgparity.compare.Divergence;
import io.pgparity.report.DivergenceLine;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Where a verify run with --repair-sql keeps the divergences for repair.sql as found, before any
 * masking: repair-divergences.jsonl in the run folder, owner-only, streamed so memory does not grow
 * with the number of rows. It stays after the run, so {@code pgparity repair} can rebuild
 * repair.sql from the true values even when the report files are masked. Safe to share between
 * threads.
 */
public final class RepairInput implements AutoCloseable {

  /** The file name inside a run folder. */
  public static final String FILE_NAME = "repair-divergences.jsonl";

  private final Path file;
  private final Writer writer;
  private long count; // guarded by this
  private boolean closed; // guarded by this

  private RepairInput(Path file, Writer writer) {
    this.file = file;
    this.writer = writer;
  }

  /** Creates the file in {@code runFolder}, owner-only. */
  public static RepairInput open(Path runFolder) {
    checkNotNull(runFolder, "runFolder");
    Path file = runFolder.resolve(FILE_NAME);
    return new RepairInput(file, PrivateFiles.create(file));
  }

  /** Appends one unmasked divergence. */
  public void write(Divergence divergence) {
    // the line divergences.jsonl holds, so repair reads both files alike
    String line = DivergenceLine.of(divergence).text();
    synchronized (this) {
      checkState(!closed, "the repair input %s is already closed", file);
      try {
        writer.write(line);
        writer.write('\n');
      } catch (IOException e) {
        throw PrivateFiles.failure("cannot write", file, e);
      }
      count++;
    }
  }

  public Path file() {
    return file;
  }

  public synchronized long count() {
    return count;
  }

  /** Flushes and closes the file; later calls do nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.close();
    } catch (IOException e) {
      throw PrivateFiles.failure("cannot finish", file, e);
    }
  }
}
