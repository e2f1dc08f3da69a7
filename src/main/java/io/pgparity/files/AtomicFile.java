package io.pgparity.files;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/** Replaces a file in one step, so a reader sees the old content or the new, never half a file. */
public final class AtomicFile {

  private AtomicFile() {}

  /**
   * Writes {@code content} to a temporary file beside {@code file}, forces it to disk and moves it
   * into place.
   *
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public static void write(Path file, byte[] content) {
    String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
    Path temp = file.resolveSibling("." + file.getFileName() + "." + suffix + ".tmp");
    try {
      // not Files.createTempFile: its owner-only permissions would carry over to the report
      try (FileChannel channel = FileChannel.open(temp, CREATE_NEW, WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException(
          "cannot write "
              + file.toAbsolutePath()
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); check that the run folder exists and is writable",
          e);
    }
  }
}
