package io.pgparity.evidence;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.live.Lsn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * manifest.json's bytes against a golden file made by the hand-written writer before the manifest
 * got its Jackson-bound schema: a changed byte would change what auditors hash and compare.
 */
class ManifestBytesTests {

  private static final String SHA_1 =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final String SHA_2 =
      "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

  @Test
  void aSignedManifestKeepsItsBytesAndReadsBackAsItself() throws Exception {
    RunFacts facts =
        new RunFacts(
            "1.2.3",
            "auth \"quoted\" caf\u00e9",
            "20261125T120000Z-1a2b",
            Instant.parse("2026-11-25T12:00:00Z"),
            Instant.parse("2026-11-25T12:00:07.250Z"),
            new ServerEvidence(
                "7301234567890123456", "15.4 (Debian 15.4-1)", Lsn.parse("0/1A2B3C4D"), null),
            new ServerEvidence("unknown", "15.4", null, Lsn.parse("16/B374D848")));
    Manifest manifest =
        new Manifest(
                facts,
                SHA_1,
                List.of(
                    new FileEntry("job.json", 412, SHA_1),
                    new FileEntry("repair/caf\u00e9.sql", 0, SHA_2)),
                null)
            .withSignature(new Signature(Signature.HMAC_SHA256, SHA_2));

    String actual = new String(ManifestJson.fileBytes(manifest), UTF_8);

    assertThat(actual).isEqualTo(golden("manifest.json", actual));
    assertThat(ManifestJson.fromTree(ManifestJson.parse(actual.getBytes(UTF_8))))
        .isEqualTo(manifest);
  }

  private static String golden(String name, String actual) throws IOException {
    if (Boolean.getBoolean("pgparity.updateGolden")) {
      Files.writeString(Path.of("src/test/resources/golden", name), actual, UTF_8);
      return actual;
    }
    try (InputStream in = ManifestBytesTests.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden/%s (run with -Dpgparity.updateGolden=true)", name).isNotNull();
      return new String(in.readAllBytes(), UTF_8);
    }
  }
}
