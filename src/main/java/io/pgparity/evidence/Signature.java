package io.pgparity.evidence;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.regex.Pattern;

/** A manifest's signature: the algorithm (only HMAC-SHA256) and the MAC in lower-case hex. */
public record Signature(String algorithm, String value) {

  /** The one algorithm pgparity signs with. */
  public static final String HMAC_SHA256 = "HMAC-SHA256";

  private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

  public Signature {
    checkArgument(
        HMAC_SHA256.equals(algorithm),
        "signature algorithm must be %s but was '%s'",
        HMAC_SHA256,
        algorithm);
    checkArgument(
        value != null && HEX_256.matcher(value).matches(),
        "signature value must be 64 lower-case hex digits but was '%s'",
        value);
  }
}
