package io.pgparity.repair;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold real row values (repair.sql and its input): created owner-only (rw-------) from
 * the first byte, never widened afterwards, and put in place by an atomic move.
 */
final class PrivateFiles {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /** Creates {@code file} (it must not exist) owner-only and opens it for writing UTF-8. */
  static Writer create(Path file) {
    try {
      createEmpty(file);
      return new BufferedWriter(
          new OutputStreamWriter(Files.newOutputStream(file), UTF_8), 1 << 16);
    } catch (IOException e) {
      throw failure("cannot create", file, e);
    }
  }

  /** A new owner-only temporary file beside {@code file}. */
  static Path tempBeside(Path file, String suffix) {
    try {
      Path temp =
          Files.createTempFile(
              file.toAbsolutePath().getParent(), "." + file.getFileName() + ".", suffix);
      // createTempFile is owner-only on POSIX already; say so rather than rely on it
      restrict(temp);
      return temp;
    } catch (IOException e) {
      throw failure("cannot create a temporary file beside", file, e);
    }
  }

  /** Moves {@code temp} over {@code file} in one step where the file system can. */
  static void moveInto(Path temp, Path file) {
    try {
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      restrict(file);
    } catch (IOException e) {
      throw failure("cannot write", file, e);
    }
  }

  private static void createEmpty(Path file) throws IOException {
    try {
      FileAttribute<Set<PosixFilePermission>> ownerOnly =
          PosixFilePermissions.asFileAttribute(OWNER_ONLY);
      Files.createFile(file, ownerOnly);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the folder's own access rules apply
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(
          file + " already exists; pgparity never reuses a run folder's files");
    }
  }

  private static void restrict(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
  }

  static UncheckedIOException failure(String what, Path file, IOException e) {
    return new UncheckedIOException(
        what
            + " "
            + file.toAbsolutePath()
            + " ("
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + "); check that the run folder is writable and the disk is not full",
        e);
  }
}
