package io.pgparity.evidence;

import static com.google.common.base.Preconditions.checkArgument;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC key that signs and verifies manifests: the UTF-8 bytes of the environment variable
 * {@value #ENV_VAR}, exactly as {@code openssl dgst -sha256 -hmac "$PGPARITY_EVIDENCE_KEY"} uses
 * them. Never printed: {@link #toString()} hides it.
 */
public final class EvidenceKey {

  /** The environment variable that holds the key. */
  public static final String ENV_VAR = "PGPARITY_EVIDENCE_KEY";

  private static final String JCA_NAME = "HmacSHA256";

  private final byte[] key;

  private EvidenceKey(byte[] key) {
    checkArgument(
        key.length > 0, "an HMAC key must not be empty; set %s to a long random string", ENV_VAR);
    this.key = key.clone();
  }

  /** The key in {@code env}; none when the variable is unset or empty. */
  public static Optional<EvidenceKey> fromEnvironment(Map<String, String> env) {
    String value = env.get(ENV_VAR);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(of(value));
  }

  /** The key whose bytes are the UTF-8 encoding of {@code secret}. */
  public static EvidenceKey of(String secret) {
    checkArgument(secret != null, "the key is missing; set %s", ENV_VAR);
    return new EvidenceKey(secret.getBytes(UTF_8));
  }

  /** The HMAC-SHA256 signature of {@code bytes}. */
  public Signature sign(byte[] bytes) {
    return new Signature(Signature.HMAC_SHA256, HexFormat.of().formatHex(mac(bytes)));
  }

  /**
   * Whether {@code signature} is this key's signature of {@code bytes}; compared in constant time.
   */
  public boolean verifies(byte[] bytes, Signature signature) {
    return MessageDigest.isEqual(mac(bytes), HexFormat.of().parseHex(signature.value()));
  }

  private byte[] mac(byte[] bytes) {
    try {
      Mac mac = Mac.getInstance(JCA_NAME);
      mac.init(new SecretKeySpec(key, JCA_NAME));
      return mac.doFinal(bytes);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // every Java runtime ships HmacSHA256, and any non-empty key is valid for it
      throw new IllegalStateException("HMAC-SHA256 is not available in this Java runtime: " + e, e);
    }
  }

  @Override
  public String toString() {
    return "EvidenceKey[" + ENV_VAR + ", " + key.length + " bytes]";
  }
}
