package io.pgparity.evidence;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.ConfigException;
import io.pgparity.report.JobJsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks a run folder against its manifest.json: the signature (against the key, when there is one
 * or should be one), then every listed file's size and SHA-256, then files nobody listed.
 */
public final class ManifestChecker {

  private ManifestChecker() {}

  /**
   * Checks {@code runFolder}; {@code key} is the key to verify the signature with, if any.
   *
   * @throws ConfigException when the folder does not exist or holds no manifest.json (not a run
   *     folder of this pgparity: a usage mistake rather than evidence of tampering)
   */
  public static CheckReport check(Path runFolder, Optional<EvidenceKey> key) {
    checkNotNull(runFolder, "runFolder");
    checkNotNull(key, "key");
    Path manifestFile = runFolder.resolve(Manifest.FILE_NAME);
    if (!Files.isDirectory(runFolder)) {
      throw new ConfigException(
          "evidence check: run folder "
              + runFolder
              + " does not exist or is not a folder;"
              + " give the folder a verify run printed, e.g. reports/adhoc/20261125T120000Z-1a2b");
    }
    if (!Files.exists(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
      throw new ConfigException(
          "evidence check: "
              + runFolder
              + " holds no "
              + Manifest.FILE_NAME
              + "; give a run folder written by pgparity with evidence manifests (every verify run writes one last)");
    }
    List<Problem> problems = new ArrayList<>();
    JsonNode tree;
    Manifest manifest;
    try {
      tree = ManifestJson.parse(Files.readAllBytes(manifestFile));
      manifest = ManifestJson.fromTree(tree);
    } catch (IOException | JacksonException | IllegalArgumentException | ClassCastException e) {
      String reason =
          e instanceof JacksonException json ? json.getOriginalMessage() : e.getMessage();
      problems.add(
          new Problem(
              ProblemKind.UNREADABLE,
              Manifest.FILE_NAME,
              String.valueOf(reason).lines().findFirst().orElse("")
                  + "; the manifest was damaged or edited, so the folder cannot be verified"));
      return new CheckReport(runFolder, 0, SignatureState.UNKNOWN, problems);
    }
    SignatureState signature = signature(tree, manifest, key, problems);
    if (manifest
        .file(JobJsonWriter.FILE_NAME)
        .map(f -> !f.sha256().equals(manifest.jobDefinitionSha256()))
        .orElse(true)) {
      problems.add(
          new Problem(
              ProblemKind.INCONSISTENT,
              Manifest.FILE_NAME,
              "jobDefinitionSha256 "
                  + manifest.jobDefinitionSha256()
                  + " is not the sha256 the manifest lists for "
                  + JobJsonWriter.FILE_NAME
                  + "; the manifest was edited"));
    }
    problems.addAll(files(runFolder, manifest));
    return new CheckReport(runFolder, manifest.files().size(), signature, problems);
  }

  private static SignatureState signature(
      JsonNode tree, Manifest manifest, Optional<EvidenceKey> key, List<Problem> problems) {
    if (manifest.signature() == null) {
      if (key.isPresent()) {
        problems.add(
            new Problem(
                ProblemKind.UNSIGNED,
                Manifest.FILE_NAME,
                EvidenceKey.ENV_VAR
                    + " is set but the manifest has no signature: it was written without a key, or its signature was"
                    + " removed so that it could be rewritten; check it without the key only if runs are not signed"));
      }
      return SignatureState.UNSIGNED;
    }
    if (key.isEmpty()) {
      problems.add(
          new Problem(
              ProblemKind.BAD_SIGNATURE,
              Manifest.FILE_NAME,
              "the manifest is signed but "
                  + EvidenceKey.ENV_VAR
                  + " is not set; set it to the key the run was signed with"));
      return SignatureState.BAD;
    }
    if (!key.get().verifies(ManifestJson.signedBytes(tree), manifest.signature())) {
      problems.add(
          new Problem(
              ProblemKind.BAD_SIGNATURE,
              Manifest.FILE_NAME,
              Signature.HMAC_SHA256
                  + " does not match with the key in "
                  + EvidenceKey.ENV_VAR
                  + ": the manifest was edited, or the key is not the one the run was signed with"));
      return SignatureState.BAD;
    }
    return SignatureState.VERIFIED;
  }

  private static List<Problem> files(Path runFolder, Manifest manifest) {
    Map<String, Path> present;
    try {
      present = FolderFiles.list(runFolder);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list run folder "
              + runFolder
              + " ("
              + e.getMessage()
              + "); check that pgparity may read it",
          e);
    }
    List<Problem> problems = new ArrayList<>();
    for (FileEntry expected : manifest.files()) {
      Path file = present.remove(expected.path());
      if (file == null) {
        problems.add(
            new Problem(
                ProblemKind.REMOVED, expected.path(), "listed in the manifest, not in the folder"));
      } else if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        problems.add(
            new Problem(
                ProblemKind.CHANGED,
                expected.path(),
                "no longer a regular file (a link or a device)"));
      } else {
        changed(expected, file).ifPresent(problems::add);
      }
    }
    // what is left was never listed: hidden files count too, they are how a change would hide
    present
        .keySet()
        .forEach(
            path ->
                problems.add(new Problem(ProblemKind.ADDED, path, "not listed in the manifest")));
    problems.sort((a, b) -> a.path().compareTo(b.path()));
    return problems;
  }

  private static Optional<Problem> changed(FileEntry expected, Path file) {
    FileEntry actual;
    try {
      actual = FolderFiles.hash(expected.path(), file);
    } catch (IOException e) {
      return Optional.of(
          new Problem(
              ProblemKind.CHANGED,
              expected.path(),
              "cannot be read ("
                  + e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage()
                  + "), so it cannot be verified"));
    }
    if (actual.equals(expected)) {
      return Optional.empty();
    }
    return Optional.of(
        new Problem(
            ProblemKind.CHANGED,
            expected.path(),
            "sha256 "
                + actual.sha256()
                + (actual.size() == expected.size()
                    ? ", "
                    : " and size " + actual.size() + " bytes, ")
                + "manifest says sha256 "
                + expected.sha256()
                + (actual.size() == expected.size()
                    ? ""
                    : " and size " + expected.size() + " bytes")));
  }
}
