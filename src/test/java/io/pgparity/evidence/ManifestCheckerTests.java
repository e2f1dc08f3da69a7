package io.pgparity.evidence;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.pgparity.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing a manifest over a folder, then catching every way the folder can be changed afterwards.
 */
class ManifestCheckerTests {

  private static final EvidenceKey KEY = EvidenceKey.of("s3cret-evidence-key");

  @TempDir Path dir;
  private Path folder;

  @BeforeEach
  void createFolder() {
    folder = FakeRun.create(dir.resolve("20261125T120000Z-1a2b"));
  }

  @Test
  void theManifestListsEveryOtherFileWithItsSizeAndHash() throws Exception {
    Manifest manifest = ManifestWriter.write(folder, FakeRun.FACTS, Optional.empty());

    assertThat(manifest.files())
        .extracting(FileEntry::path)
        .containsExactly(
            "divergences.jsonl",
            "job.json",
            "repair/public.users.sql",
            "report.md",
            "summary.json");
    for (FileEntry file : manifest.files()) {
      byte[] content = Files.readAllBytes(folder.resolve(file.path()));
      assertThat(file.size()).as(file.path()).isEqualTo(content.length);
      assertThat(file.sha256()).as(file.path()).isEqualTo(sha256(content));
    }
    assertThat(manifest.jobDefinitionSha256())
        .isEqualTo(sha256(Files.readAllBytes(folder.resolve("job.json"))));
    assertThat(manifest.signature()).isNull();
    assertThat(
            ManifestJson.fromTree(
                ManifestJson.parse(Files.readAllBytes(folder.resolve("manifest.json")))))
        .isEqualTo(manifest);
    try (var files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith("."));
    }
  }

  @Test
  void anUntouchedFolderIsIntact() {
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.empty());

    CheckReport report = ManifestChecker.check(folder, Optional.empty());

    assertThat(report.problems()).isEmpty();
    assertThat(report.intact()).isTrue();
    assertThat(report.signature()).isEqualTo(SignatureState.UNSIGNED);
    assertThat(report.filesChecked()).isEqualTo(5);
    assertThat(report.verdict()).startsWith("INTACT: 5 files match manifest.json; unsigned");
  }

  @Test
  void aFolderGivenThroughALinkIsCheckedAsItself() throws Exception {
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.empty());
    Path latest = Files.createSymbolicLink(dir.resolve("latest"), folder);

    assertThat(ManifestChecker.check(latest, Optional.empty()).problems()).isEmpty();
  }

  @Test
  void aSignedUntouchedFolderIsIntactWithTheKey() {
    Manifest manifest = ManifestWriter.write(folder, FakeRun.FACTS, Optional.of(KEY));

    CheckReport report = ManifestChecker.check(folder, Optional.of(KEY));

    assertThat(manifest.signature()).isNotNull();
    assertThat(report.problems()).isEmpty();
    assertThat(report.signature()).isEqualTo(SignatureState.VERIFIED);
    assertThat(report.verdict())
        .startsWith("INTACT: 5 files match manifest.json, signature verified (HMAC-SHA256); ");
  }

  @Test
  void oneChangedByteIsCaughtEvenWhenTheSizeIsTheSame() throws Exception {
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.of(KEY));
    byte[] report = Files.readAllBytes(folder.resolve("report.md"));
    report[2] ^= 0x01;
    Files.write(folder.resolve("report.md"), report);

    CheckReport result = ManifestChecker.check(folder, Optional.of(KEY));

    assertThat(lines(result))
        .containsExactly(
            "CHANGED report.md: sha256 "
                + sha256(report)
                + ", manifest says sha256 "
                + ManifestJson.fromTree(
                        ManifestJson.parse(Files.readAllBytes(folder.resolve("manifest.json"))))
                    .file("report.md")
                    .orElseThrow()
                    .sha256());
    assertThat(result.intact()).isFalse();
    assertThat(result.signature()).isEqualTo(SignatureState.VERIFIED);
    assertThat(result.verdict()).startsWith("TAMPERED: 1 problem (1 changed) in ");
  }

  @Test
  void aGrownFileNamesBothSizes() throws Exception {
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.empty());
    long size = Files.size(folder.resolve("divergences.jsonl"));
    Files.writeString(folder.resolve("divergences.jsonl"), "{}\n", StandardOpenOption.APPEND);

    assertThat(lines(ManifestChecker.check(folder, Optional.empty())))
        .singleElement(STRING)
        .startsWith("CHANGED divergences.jsonl: sha256 ")
        .contains(" and size " + (size + 3) + " bytes, manifest says sha256 ")
        .endsWith(" and size " + size + " bytes");
  }

  @Test
  void addedFilesAreCaughtHiddenOrInSubFolders() throws Exception {
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.empty());
    FakeRun.write(folder, "notes.txt", "looks fine\n");
    FakeRun.write(folder, ".hidden", "x");
    Files.createDirectories(folder.resolve("repair/more"));
    FakeRun.write(folder, "repair/more/extra.sql", "DELETE FROM users;\n");

    CheckReport report = ManifestChecker.check(folder, Optional.empty());

    assertThat(lines(report))
        .containsExactly(
            "ADDED .hidden: not listed in the manifest",
            "ADDED notes.txt: not listed in the manifest",
            "ADDED repair/more/extra.sql: not listed in the manifest");
    assertThat(report.verdict()).startsWith("TAMPERED: 3 problems (3 added) in ");
  }

  @Test
  void removedFilesAreCaught() throws Exception {
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.empty());
    Files.delete(folder.resolve("summary.json"));
    Files.delete(folder.resolve("repair/public.users.sql"));

    assertThat(lines(ManifestChecker.check(folder, Optional.empty())))
        .containsExactly(
            "REMOVED repair/public.users.sql: listed in the manifest, not in the folder",
            "REMOVED summary.json: listed in the manifest, not in the folder");
  }

  @Test
  void aFileReplacedByALinkIsChanged() throws Exception {
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.empty());
    Path copy = dir.resolve("report-copy.md");
    Files.move(folder.resolve("report.md"), copy);
    Files.createSymbolicLink(folder.resolve("report.md"), copy);

    assertThat(lines(ManifestChecker.check(folder, Optional.empty())))
        .containsExactly("CHANGED report.md: no longer a regular file (a link or a device)");
  }

  @Test
  void anUnsignedManifestRewrittenToMatchItsFilesIsOnlyCaughtWhereItContradictsItself()
      throws Exception {
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.empty());
    FakeRun.write(folder, "job.json", "{\n  \"name\": \"evil\"\n}\n");
    // the forger updates the file's entry but forgets jobDefinitionSha256
    String manifest = Files.readString(folder.resolve("manifest.json"));
    String oldHash = sha256("{\n  \"name\": \"auth\"\n}\n".getBytes(UTF_8));
    String newHash = sha256(Files.readAllBytes(folder.resolve("job.json")));
    String forged =
        manifest.replaceFirst("\"sha256\": \"" + oldHash + "\"", "\"sha256\": \"" + newHash + "\"");
    assertThat(forged).isNotEqualTo(manifest);
    Files.writeString(folder.resolve("manifest.json"), forged);

    assertThat(lines(ManifestChecker.check(folder, Optional.empty())))
        .singleElement(STRING)
        .startsWith("INCONSISTENT manifest.json: jobDefinitionSha256 " + oldHash);
  }

  @Test
  void editingASignedManifestBreaksItsSignature() throws Exception {
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.of(KEY));
    String manifest = Files.readString(folder.resolve("manifest.json"));
    // a claim that is not about any file: only the signature protects it
    Files.writeString(
        folder.resolve("manifest.json"),
        manifest.replace("\"walAtEnd\": \"0/1A2B3D00\"", "\"walAtEnd\": \"0/1A2B3D01\""));

    CheckReport report = ManifestChecker.check(folder, Optional.of(KEY));

    assertThat(lines(report))
        .singleElement(STRING)
        .startsWith(
            "BAD SIGNATURE manifest.json: HMAC-SHA256 does not match with the key in PGPARITY_EVIDENCE_KEY");
    assertThat(report.signature()).isEqualTo(SignatureState.BAD);
  }

  @Test
  void reformattingASignedManifestKeepsItsSignatureValid() throws Exception {
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.of(KEY));
    String manifest = Files.readString(folder.resolve("manifest.json"));
    // the signature covers the content, not the layout: a re-indented copy still verifies
    Files.writeString(folder.resolve("manifest.json"), manifest.replace("\n  ", "\n\t"));

    assertThat(ManifestChecker.check(folder, Optional.of(KEY)).problems()).isEmpty();
  }

  @Test
  void aWrongOrMissingKeyFailsASignedManifest() {
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.of(KEY));

    assertThat(lines(ManifestChecker.check(folder, Optional.of(EvidenceKey.of("another key")))))
        .singleElement(STRING)
        .startsWith("BAD SIGNATURE manifest.json: HMAC-SHA256 does not match");
    assertThat(lines(ManifestChecker.check(folder, Optional.empty())))
        .containsExactly(
            "BAD SIGNATURE manifest.json: the manifest is signed but PGPARITY_EVIDENCE_KEY is not set;"
                + " set it to the key the run was signed with");
  }

  @Test
  void aStrippedSignatureIsCaughtWhenTheKeyIsSet() throws Exception {
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.of(KEY));
    FakeRun.write(folder, "report.md", "# CONSISTENT\n");
    // the forger rewrites the whole manifest without a key
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.empty());

    CheckReport report = ManifestChecker.check(folder, Optional.of(KEY));

    assertThat(lines(report))
        .singleElement(STRING)
        .startsWith(
            "UNSIGNED manifest.json: PGPARITY_EVIDENCE_KEY is set but the manifest has no signature");
    assertThat(report.intact()).isFalse();
  }

  @Test
  void aDamagedManifestIsUnreadable() throws Exception {
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.empty());
    String manifest = Files.readString(folder.resolve("manifest.json"));

    for (String damaged :
        List.of(
            manifest.substring(0, manifest.length() / 2),
            manifest.replace(
                "\"tool\": \"pgparity\",", "\"tool\": \"pgparity\", \"approvedBy\": \"me\","),
            manifest.replace(
                "\"tool\": \"pgparity\",", "\"tool\": \"pgparity\", \"tool\": \"pgparity\","),
            manifest.replace("\"manifestVersion\": 1", "\"manifestVersion\": 2"),
            manifest.replace("\"manifestVersion\": 1", "\"manifestVersion\": 1.0"),
            manifest.replace("\"manifestVersion\": 1", "\"manifestVersion\": \"1\""),
            manifest.replaceFirst("\"size\": (\\d+)", "\"size\": \"$1\""),
            manifest.replaceFirst("\"job\": \"[^\"]*\"", "\"job\": 7"),
            manifest.replaceFirst(",\\s*\"walAtEnd\": [^\\n]*", ""),
            manifest.replaceFirst("\"walAtStart\": \"[^\"]*\"", "\"walAtStart\": \"not an lsn\""),
            manifest + "{}",
            "[]")) {
      Files.writeString(folder.resolve("manifest.json"), damaged);

      CheckReport report = ManifestChecker.check(folder, Optional.empty());

      assertThat(lines(report))
          .as(damaged)
          .singleElement(STRING)
          .startsWith("UNREADABLE manifest.json: ")
          .endsWith("; the manifest was damaged or edited, so the folder cannot be verified");
      assertThat(report.signature()).isEqualTo(SignatureState.UNKNOWN);
    }
  }

  @Test
  void aFolderWithoutAManifestOrNoFolderIsAUsageMistake() {
    assertThatThrownBy(() -> ManifestChecker.check(folder, Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("evidence check: " + folder + " holds no manifest.json;");
    assertThatThrownBy(() -> ManifestChecker.check(dir.resolve("nope"), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not exist or is not a folder");
  }

  @Test
  void aTemporaryFileLeftInTheFolderStopsTheManifest() throws Exception {
    FakeRun.write(folder, ".summary.json.1a2b3c.tmp", "{");

    assertThatThrownBy(() -> ManifestWriter.write(folder, FakeRun.FACTS, Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds the hidden file .summary.json.1a2b3c.tmp");
    assertThat(folder.resolve("manifest.json")).doesNotExist();
  }

  @Test
  void aFolderWithoutJobJsonGetsNoManifest() throws IOException {
    Files.delete(folder.resolve("job.json"));

    assertThatThrownBy(() -> ManifestWriter.write(folder, FakeRun.FACTS, Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no job.json");
  }

  @Test
  void aControlCharacterInAnAddedFileNameCannotForgeAReportLine() throws Exception {
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.empty());
    FakeRun.write(folder, "x\nINTACT: all good", "");

    assertThat(lines(ManifestChecker.check(folder, Optional.empty())))
        .containsExactly("ADDED x?INTACT: all good: not listed in the manifest");
  }

  private static List<String> lines(CheckReport report) {
    return report.problems().stream().map(Problem::line).toList();
  }

  static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }
}
