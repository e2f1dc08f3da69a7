package io.pgparity.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.ConfigException;
import io.pgparity.config.MaskKey;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTests {

  private static final String SECRET = "a-test-key-of-32-characters-0001";
  private static final MaskKey KEY = MaskKey.of(SECRET, "test");

  @Test
  void isTheFirst64BitsOfHmacSha256OverTheValuesText() {
    // expected values from: printf '%s' VALUE | openssl dgst -sha256 -hmac SECRET
    assertThat(Fingerprint.of(KEY, "hash-of-hunter2").text()).isEqualTo("sha256:33c31a4a7aeac210");
    assertThat(Fingerprint.of(KEY, "").text()).isEqualTo("sha256:d7d99032248813bb");
    assertThat(Fingerprint.of(KEY, "Ünïcode ✓").text())
        .as("UTF-8")
        .isEqualTo("sha256:c6e6c71b91e9ec57");
  }

  @Test
  void equalValuesGiveEqualFingerprintsAndDifferentValuesDifferentOnes() {
    assertThat(Fingerprint.of(KEY, "token-1"))
        .isEqualTo(Fingerprint.of(MaskKey.of(SECRET, "again"), "token-1"));
    assertThat(Fingerprint.of(KEY, "token-1")).isNotEqualTo(Fingerprint.of(KEY, "token-2"));
    assertThat(Fingerprint.of(KEY, "token-1").toString())
        .matches(Fingerprint.PATTERN)
        .doesNotContain("token");
  }

  @Test
  void anotherKeyGivesOtherFingerprints() {
    MaskKey other = MaskKey.of("another-key-of-at-least-16", "test");
    MaskKey random = MaskKey.random(new SecureRandom());

    assertThat(Fingerprint.of(other, "token-1")).isNotEqualTo(Fingerprint.of(KEY, "token-1"));
    assertThat(Fingerprint.of(random, "token-1"))
        .isNotEqualTo(Fingerprint.of(KEY, "token-1"))
        .isNotEqualTo(Fingerprint.of(MaskKey.random(new SecureRandom()), "token-1"));
  }

  @Test
  void onlyTheFingerprintShapeIsAccepted() {
    assertThatThrownBy(() -> new Fingerprint("sha256:XYZ"))
        .hasMessage("a fingerprint is sha256: and 16 lower-case hex digits");
    assertThatThrownBy(() -> Fingerprint.of(KEY, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aKeyNamesOnlyItsSource() {
    assertThat(KEY.toString()).isEqualTo("MaskKey[test]").doesNotContain(SECRET);
    assertThat(MaskKey.resolve(null, Map.of("PGPARITY_MASK_KEY", SECRET)).source())
        .isEqualTo("$PGPARITY_MASK_KEY");
    assertThat(MaskKey.resolve("MY_KEY", Map.of("MY_KEY", SECRET)).source()).isEqualTo("$MY_KEY");
    assertThat(MaskKey.resolve(null, Map.of()).source()).isEqualTo("a random key of this run");
    assertThat(MaskKey.resolve(null, Map.of("PGPARITY_MASK_KEY", "")).source())
        .as("an empty variable counts as unset")
        .isEqualTo("a random key of this run");
  }

  @Test
  void aConfiguredKeyGivesTheSameFingerprintsInEveryRunAndARandomOneDoesNot() {
    Map<String, String> env = Map.of("PGPARITY_MASK_KEY", SECRET);
    assertThat(Fingerprint.of(MaskKey.resolve(null, env), "v")).isEqualTo(Fingerprint.of(KEY, "v"));
    assertThat(Fingerprint.of(MaskKey.resolve(null, Map.of()), "v"))
        .isNotEqualTo(Fingerprint.of(MaskKey.resolve(null, Map.of()), "v"));
  }

  @Test
  void anUnusableKeyIsAConfigurationErrorThatNeverRepeatsIt() {
    assertThatThrownBy(() -> MaskKey.resolve("MY_KEY", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "mask-key-env names MY_KEY, which is not set; e.g. export MY_KEY=\"$(openssl rand -hex 32)\", or remove"
                + " mask-key-env to use a random key per run");
    assertThatThrownBy(() -> MaskKey.resolve("MY_KEY", Map.of("MY_KEY", "short-secret")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "the mask key in MY_KEY has 12 characters but needs at least 16; e.g. export"
                + " MY_KEY=\"$(openssl rand -hex 32)\"")
        .hasMessageNotContaining("short-secret");
    assertThatThrownBy(() -> MaskKey.resolve(null, Map.of("PGPARITY_MASK_KEY", "short-secret")))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(", or unset it to use a random key per run")
        .hasMessageNotContaining("short-secret");
  }
}
