package io.pgparity.mask;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.config.MaskKey;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a masked value looks like in reports: {@code sha256:} and the first 16 hex digits of
 * HMAC-SHA256 over the value's text under a {@link MaskKey}. Equal values give equal fingerprints
 * under one key, different values different ones (barring a 1 in 2^64 collision); without the key a
 * fingerprint cannot be checked against guesses, so low-entropy values stay hidden.
 */
public record Fingerprint(String text) {

  public static final String PREFIX = "sha256:";

  /** The shape of every fingerprint. */
  public static final Pattern PATTERN = Pattern.compile("sha256:[0-9a-f]{16}");

  private static final String ALGORITHM = "HmacSHA256";
  private static final int BYTES = 8;

  public Fingerprint {
    checkArgument(
        text != null && PATTERN.matcher(text).matches(),
        "a fingerprint is sha256: and 16 lower-case hex digits");
  }

  /** The fingerprint of {@code value} (a value's text, not null: SQL NULL is never masked). */
  public static Fingerprint of(MaskKey key, String value) {
    checkNotNull(key, "key");
    checkNotNull(value, "value");
    try {
      // a Mac is not thread-safe and cheap to make next to the few divergences a run reports
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key.secret(), ALGORITHM));
      byte[] digest = mac.doFinal(value.getBytes(UTF_8));
      return new Fingerprint(PREFIX + HexFormat.of().formatHex(digest, 0, BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is part of every Java runtime but failed", e);
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
