package io.pgparity.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a run folder, by path relative to it ({@code /} between folders), manifest.json at
 * its top excepted; and their SHA-256. Symbolic links are listed, never followed.
 */
final class FolderFiles {

  private static final int BUFFER = 64 * 1024;

  private FolderFiles() {}

  /** Every entry below {@code folder} that is not a directory, sorted by relative path. */
  static Map<String, Path> list(Path folder) throws IOException {
    Map<String, Path> files = new TreeMap<>();
    // the folder itself may be given through a link (reports/latest); links inside it are not
    // followed
    Path root = folder.toRealPath();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String relative = relative(root, path);
        if (!relative.equals(Manifest.FILE_NAME)) {
          files.put(relative, path);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return files;
  }

  /**
   * The files of a finished run folder, hashed, for a new manifest.
   *
   * @throws IllegalStateException when the folder holds a hidden (temporary) file or something that
   *     is not a regular file: a writer has not finished, or someone else writes there
   */
  static List<FileEntry> entries(Path folder) throws IOException {
    List<FileEntry> entries = new ArrayList<>();
    for (Map.Entry<String, Path> file : list(folder).entrySet()) {
      String relative = file.getKey();
      if (hidden(relative)) {
        throw new IllegalStateException(
            "run folder "
                + folder
                + " holds the hidden file "
                + relative
                + " (a report writer's temporary file); manifest.json lists finished files only, so it was not written."
                + " Remove the file only once no pgparity run writes to this folder");
      }
      if (!Files.isRegularFile(file.getValue(), LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalStateException(
            "run folder "
                + folder
                + " holds "
                + relative
                + ", which is not a regular file (a link or a device); pgparity writes only regular files there,"
                + " so manifest.json was not written. Remove it and keep run folders to pgparity");
      }
      entries.add(hash(relative, file.getValue()));
    }
    return entries;
  }

  /** The entry a manifest would list for this file, read now. */
  static FileEntry hash(String relative, Path file) throws IOException {
    MessageDigest digest = sha256();
    long size = 0;
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
        size += read;
      }
    }
    return new FileEntry(relative, size, HexFormat.of().formatHex(digest.digest()));
  }

  private static boolean hidden(String relative) {
    return relative.startsWith(".") || relative.contains("/.");
  }

  private static String relative(Path folder, Path path) {
    List<String> parts = new ArrayList<>();
    folder.relativize(path).forEach(part -> parts.add(part.toString()));
    return String.join("/", parts);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
    }
  }
}
