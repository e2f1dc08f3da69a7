package io.pgparity.evidence;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The content of a run folder's manifest.json: the run's facts, the SHA-256 of its job.json (the
 * job definition), every other file of the folder, and the signature when a key was given.
 */
public record Manifest(
    RunFacts run, String jobDefinitionSha256, List<FileEntry> files, Signature signature) {

  /** The file name inside a run folder. */
  public static final String FILE_NAME = "manifest.json";

  /** The format of manifest.json this pgparity writes and reads. */
  public static final int FORMAT_VERSION = 1;

  public Manifest {
    checkNotNull(run, "run");
    checkArgument(
        jobDefinitionSha256 != null && FileEntry.SHA256.matcher(jobDefinitionSha256).matches(),
        "jobDefinitionSha256 must be 64 lower-case hex digits but was '%s'",
        jobDefinitionSha256);
    files = List.copyOf(files);
    Set<String> paths = new HashSet<>();
    for (FileEntry file : files) {
      checkArgument(
          paths.add(file.path()),
          "file %s is listed twice; a manifest lists each file once",
          file.path());
      checkArgument(
          !file.path().equals(FILE_NAME),
          "the manifest lists %s itself; it cannot hold its own hash",
          FILE_NAME);
    }
  }

  /** The entry of {@code path}, if the manifest lists it. */
  public Optional<FileEntry> file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst();
  }

  /** This manifest without its signature: what the signature covers. */
  public Manifest unsigned() {
    return new Manifest(run, jobDefinitionSha256, files, null);
  }

  /** This manifest signed with {@code signature}. */
  public Manifest withSignature(Signature signature) {
    return new Manifest(run, jobDefinitionSha256, files, checkNotNull(signature, "signature"));
  }
}
