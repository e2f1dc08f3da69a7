package io.pgparity.evidence;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.regex.Pattern;

/**
 * One file of a run folder as the manifest lists it: its path relative to the folder (with {@code
 * /} between folders), its size in bytes and the SHA-256 of its content in lower-case hex.
 */
public record FileEntry(String path, long size, String sha256) {

  /** A SHA-256 digest as written in a manifest: 64 lower-case hex digits. */
  public static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public FileEntry {
    CanonicalJson.checkPrintable(path, "file path");
    checkArgument(
        !path.isEmpty() && !path.startsWith("/") && !path.endsWith("/") && !path.contains("\\"),
        "file path '%s' must be relative to the run folder with / between folders, e.g. summary.json",
        path);
    for (String segment : path.split("/", -1)) {
      checkArgument(
          !segment.isEmpty() && !segment.equals(".") && !segment.equals(".."),
          "file path '%s' must not hold empty, '.' or '..' parts; name a file inside the run folder",
          path);
    }
    checkArgument(size >= 0, "size of %s must be 0 or more bytes but was %s", path, size);
    checkArgument(
        sha256 != null && SHA256.matcher(sha256).matches(),
        "sha256 of %s must be 64 lower-case hex digits but was '%s'",
        path,
        sha256);
  }
}
