package io.pgparity.evidence;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.live.Lsn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signature is HMAC-SHA256 over documented canonical bytes, so an auditor can recompute it
 * without pgparity: the expected bytes and MAC here were produced with jq and openssl, not Java.
 */
class ManifestSignatureTests {

  private static final String KEY = "correct horse battery staple";

  private static final String SHA_1 = "1".repeat(64);
  private static final String SHA_2 = "2".repeat(64);

  /** {@code jq -jcS .} of the manifest below, written by hand and checked with jq and python3. */
  private static final String CANONICAL =
      "{\"files\":[{\"path\":\"job.json\",\"sha256\":\""
          + SHA_1
          + "\",\"size\":412},"
          + "{\"path\":\"repair/caf\u00e9.sql\",\"sha256\":\""
          + SHA_2
          + "\",\"size\":0}],"
          + "\"finishedAt\":\"2026-11-25T12:00:07.250Z\",\"job\":\"auth\",\"jobDefinitionSha256\":\""
          + SHA_1
          + "\","
          + "\"manifestVersion\":1,"
          + "\"primary\":{\"serverVersion\":\"15.4 (Debian 15.4-1)\",\"systemIdentifier\":\"7301234567890123456\","
          + "\"walAtEnd\":\"0/1A2B3D00\",\"walAtStart\":\"0/1A2B3C4D\"},"
          + "\"replica\":{\"serverVersion\":\"15.4\",\"systemIdentifier\":\"unknown (grant EXECUTE on pg_control_system())\","
          + "\"walAtEnd\":null,\"walAtStart\":\"0/1A2B3000\"},"
          + "\"runId\":\"20261125T120000Z-1a2b\",\"startedAt\":\"2026-11-25T12:00:00Z\",\"tool\":\"pgparity\",\"version\":\"1.2.3\"}";

  /** {@code openssl dgst -sha256 -hmac 'correct horse battery staple'} of {@link #CANONICAL}. */
  private static final String OPENSSL_HMAC =
      "08461441c819304d7e6aa9a32dbbf493cb3da986da84607f81bb9937665803de";

  @TempDir Path dir;

  @Test
  void theSignedBytesAreTheDocumentedCanonicalForm() {
    assertThat(new String(ManifestJson.signedBytes(golden()), UTF_8)).isEqualTo(CANONICAL);
  }

  @Test
  void theSignatureIsTheHmacOpensslComputesOverThoseBytes() {
    Signature signature = EvidenceKey.of(KEY).sign(ManifestJson.signedBytes(golden()));

    assertThat(signature).isEqualTo(new Signature("HMAC-SHA256", OPENSSL_HMAC));
    assertThat(EvidenceKey.of(KEY).verifies(CANONICAL.getBytes(UTF_8), signature)).isTrue();
    assertThat(EvidenceKey.of(KEY + "x").verifies(CANONICAL.getBytes(UTF_8), signature)).isFalse();
  }

  @Test
  void theSignatureCoversTheFileWithoutItsSignatureMember() {
    Manifest signed =
        golden().withSignature(EvidenceKey.of(KEY).sign(ManifestJson.signedBytes(golden())));
    byte[] file = ManifestJson.fileBytes(signed);

    assertThat(new String(file, UTF_8)).contains("\n  \"signature\": {").endsWith("}\n");
    assertThat(ManifestJson.signedBytes(ManifestJson.parse(file)))
        .isEqualTo(CANONICAL.getBytes(UTF_8));
    assertThat(ManifestJson.fromTree(ManifestJson.parse(file))).isEqualTo(signed);
  }

  @Test
  void anAuditorRecomputesTheSignatureWithJqAndOpenssl() throws Exception {
    Assumptions.assumeTrue(onPath("jq") && onPath("openssl"), "jq and openssl are not installed");
    Path folder = FakeRun.create(dir.resolve("run"));
    Manifest manifest =
        ManifestWriter.write(folder, FakeRun.FACTS, Optional.of(EvidenceKey.of(KEY)));

    // the command the README gives auditors, verbatim
    String output =
        shell(
            folder,
            "jq -jcS 'del(.signature)' manifest.json"
                + " | openssl dgst -sha256 -hmac \"$PGPARITY_EVIDENCE_KEY\"");

    assertThat(output.trim()).endsWith("= " + manifest.signature().value());
    String recorded = shell(folder, "jq -r .signature.value manifest.json");
    assertThat(recorded.trim()).isEqualTo(manifest.signature().value());
  }

  @Test
  void canonicalJsonSortsKeysByCodePointAndEscapesLikeJq() {
    JsonMapper json = JsonMapper.builder().build();
    String text =
        "{\"b\":\"a \\\"quoted\\\" back\\\\slash / caf\u00e9\",\"a\":[3,-1,null],"
            + "\"\uFB01\":1,\"\uD83D\uDE00\":2,\"c\":\"tab\\tbell\\u0007del\\u007f\"}";

    String canonical = new String(CanonicalJson.bytes(json.readTree(text)), UTF_8);

    // U+1F600 sorts after U+FB01 by code point, though its UTF-16 surrogates sort before
    assertThat(canonical)
        .isEqualTo(
            "{\"a\":[3,-1,null],\"b\":\"a \\\"quoted\\\" back\\\\slash / caf\u00e9\","
                + "\"c\":\"tab\\tbell\\u0007del\\u007f\",\"\uFB01\":1,\"\uD83D\uDE00\":2}");
  }

  @Test
  void manifestStringsMustBePrintable() {
    assertThatThrownBy(() -> new FileEntry("report\n.md", 1, SHA_1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "file path 'report?.md' holds a control character; manifest strings must be printable");
    assertThatThrownBy(() -> new FileEntry("../etc/passwd", 1, SHA_1))
        .hasMessageContaining("must not hold empty, '.' or '..' parts");
    assertThatThrownBy(() -> new FileEntry("report.md", 1, "A".repeat(64)))
        .hasMessageContaining("must be 64 lower-case hex digits");
  }

  @Test
  void theKeyComesFromTheEnvironmentAndIsNeverPrinted() {
    assertThat(EvidenceKey.fromEnvironment(Map.of())).isEmpty();
    assertThat(EvidenceKey.fromEnvironment(Map.of("PGPARITY_EVIDENCE_KEY", ""))).isEmpty();
    Optional<EvidenceKey> key = EvidenceKey.fromEnvironment(Map.of("PGPARITY_EVIDENCE_KEY", KEY));
    assertThat(key).isPresent();
    assertThat(key.get().toString()).doesNotContain(KEY).contains("28 bytes");
  }

  private static Manifest golden() {
    RunFacts facts =
        new RunFacts(
            "1.2.3",
            "auth",
            "20261125T120000Z-1a2b",
            Instant.parse("2026-11-25T12:00:00Z"),
            Instant.parse("2026-11-25T12:00:07.250Z"),
            new ServerEvidence(
                "7301234567890123456",
                "15.4 (Debian 15.4-1)",
                Lsn.parse("0/1A2B3C4D"),
                Lsn.parse("0/1A2B3D00")),
            new ServerEvidence(
                "unknown (grant EXECUTE on pg_control_system())",
                "15.4",
                Lsn.parse("0/1A2B3000"),
                null));
    return new Manifest(
        facts,
        SHA_1,
        List.of(
            new FileEntry("job.json", 412, SHA_1), new FileEntry("repair/caf\u00e9.sql", 0, SHA_2)),
        null);
  }

  private static boolean onPath(String tool) throws Exception {
    Process p =
        new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private static String shell(Path dir, String command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(dir.toFile());
    builder.environment().put("PGPARITY_EVIDENCE_KEY", KEY);
    Path output = Files.createTempFile(dir, "out", ".txt");
    Process p = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(command).isTrue();
    String text = Files.readString(output);
    Files.delete(output);
    assertThat(p.exitValue()).as("%s: %s", command, text).isZero();
    return text;
  }
}
