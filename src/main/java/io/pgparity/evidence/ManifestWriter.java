package io.pgparity.evidence;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.files.AtomicFile;
import io.pgparity.report.JobJsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Writes manifest.json, the last file of a run folder: it lists every other file with its SHA-256,
 * so it must come after all of them; it is written atomically, so it is whole or absent.
 */
public final class ManifestWriter {

  private ManifestWriter() {}

  /**
   * Hashes every file of {@code runFolder} and writes its manifest, signed when {@code key} is
   * given.
   *
   * @throws IllegalStateException when the folder holds a temporary file or has no job.json
   * @throws UncheckedIOException naming the file that could not be read or written
   */
  public static Manifest write(Path runFolder, RunFacts run, Optional<EvidenceKey> key) {
    checkNotNull(runFolder, "runFolder");
    checkNotNull(run, "run");
    checkNotNull(key, "key");
    List<FileEntry> files;
    try {
      files = FolderFiles.entries(runFolder);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot hash the files of run folder "
              + runFolder.toAbsolutePath()
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); check that pgparity may read them",
          e);
    }
    FileEntry job =
        files.stream()
            .filter(f -> f.path().equals(JobJsonWriter.FILE_NAME))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "run folder "
                            + runFolder
                            + " has no "
                            + JobJsonWriter.FILE_NAME
                            + ", which every run writes first; the manifest needs its hash. Was the folder changed during the run?"));
    Manifest manifest = new Manifest(run, job.sha256(), files, null);
    if (key.isPresent()) {
      manifest = manifest.withSignature(key.get().sign(ManifestJson.signedBytes(manifest)));
    }
    AtomicFile.write(runFolder.resolve(Manifest.FILE_NAME), ManifestJson.fileBytes(manifest));
    return manifest;
  }
}
