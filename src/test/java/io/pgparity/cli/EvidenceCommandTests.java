package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.pgparity.evidence.EvidenceKey;
import io.pgparity.evidence.FakeRun;
import io.pgparity.evidence.ManifestWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgparity evidence}: the lines it prints, its verdict last, and its exit codes. */
class EvidenceCommandTests {

  private static final Map<String, String> WITH_KEY = Map.of("PGPARITY_EVIDENCE_KEY", "k3y");

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void anIntactSignedFolderExitsZeroWithTheVerdictLast() {
    Path folder = signedRun();

    int code = run(WITH_KEY, "evidence", "check", folder.toString());

    assertThat(code).isZero();
    assertThat(out().lines().toList())
        .singleElement(STRING)
        .isEqualTo(
            "INTACT: 5 files match manifest.json, signature verified (HMAC-SHA256); " + folder);
    assertThat(err()).isEmpty();
  }

  @Test
  void aTamperedFolderExitsOneWithOneLinePerProblemThenTheVerdict() throws Exception {
    Path folder = signedRun();
    FakeRun.write(folder, "summary.json", "{\n  \"status\": \"CONSISTENT\"\n}\n");
    Files.delete(folder.resolve("divergences.jsonl"));
    FakeRun.write(folder, "extra.txt", "x");

    int code = run(WITH_KEY, "evidence", "check", folder.toString());

    assertThat(code).isEqualTo(1);
    List<String> lines = out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0))
        .isEqualTo("REMOVED divergences.jsonl: listed in the manifest, not in the folder");
    assertThat(lines.get(1)).isEqualTo("ADDED extra.txt: not listed in the manifest");
    assertThat(lines.get(2)).startsWith("CHANGED summary.json: sha256 ");
    assertThat(lines.get(3))
        .isEqualTo("TAMPERED: 3 problems (1 changed, 1 added, 1 removed) in " + folder);
    assertThat(err()).isEmpty();
  }

  @Test
  void aSignedFolderWithoutTheKeyExitsOne() {
    Path folder = signedRun();

    assertThat(run(Map.of(), "evidence", "check", folder.toString())).isEqualTo(1);
    assertThat(out())
        .startsWith(
            "BAD SIGNATURE manifest.json: the manifest is signed but PGPARITY_EVIDENCE_KEY is not set");
  }

  @Test
  void usageMistakesExitTwoWithOneLineOnStderr() {
    Path folder = FakeRun.create(dir.resolve("run"));
    List<List<String>> mistakes =
        List.of(
            List.of("evidence"),
            List.of("evidence", "chek", folder.toString()),
            List.of("evidence", "check"),
            List.of("evidence", "check", folder.toString(), folder.toString()),
            List.of("evidence", "check", "--folder", folder.toString()),
            List.of("evidence", "check", dir.resolve("missing").toString()),
            List.of("evidence", "check", folder.toString()));
    List<String> expected =
        List.of(
            "pgparity: evidence: missing sub-command; use: pgparity evidence check <run folder>",
            "pgparity: evidence: unknown sub-command 'chek' (did you mean 'check'?); use: pgparity evidence check <run folder>",
            "pgparity: evidence check: expected exactly one run folder but got none;",
            "pgparity: evidence check: expected exactly one run folder but got '"
                + folder
                + " "
                + folder
                + "';",
            "pgparity: evidence check: unknown option '--folder'; it takes one run folder and no options",
            "pgparity: evidence check: run folder "
                + dir.resolve("missing")
                + " does not exist or is not a folder;",
            "pgparity: evidence check: " + folder + " holds no manifest.json;");
    for (int i = 0; i < mistakes.size(); i++) {
      out.reset();
      err.reset();

      int code = run(Map.of(), mistakes.get(i).toArray(String[]::new));

      assertThat(code).as("%s", mistakes.get(i)).isEqualTo(2);
      assertThat(out()).as("%s", mistakes.get(i)).isEmpty();
      assertThat(err().lines().toList())
          .as("%s", mistakes.get(i))
          .singleElement(STRING)
          .startsWith(expected.get(i));
    }
  }

  @Test
  void helpDescribesTheCheckTheKeyAndTheExitCodes() {
    assertThat(run(Map.of(), "evidence", "--help")).isZero();
    assertThat(out())
        .startsWith("Usage: pgparity evidence check RUN_FOLDER")
        .contains("PGPARITY_EVIDENCE_KEY")
        .contains("Exit codes:", "  0  intact", "  1  not intact");
    out.reset();
    assertThat(run(Map.of(), "help", "evidence")).isZero();
    assertThat(out()).startsWith("Usage: pgparity evidence check RUN_FOLDER");
    out.reset();
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out())
        .containsPattern("(?m)^  evidence  check a run folder against its manifest.json");
  }

  private Path signedRun() {
    Path folder = FakeRun.create(dir.resolve("run"));
    ManifestWriter.write(folder, FakeRun.FACTS, Optional.of(EvidenceKey.of("k3y")));
    return folder;
  }

  private int run(Map<String, String> env, String... args) {
    Cli cli =
        new Cli(
            List.of(new EvidenceCommand(env)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return cli.run(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
