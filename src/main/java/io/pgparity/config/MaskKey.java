package io.pgparity.config;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.SecureRandom;
import java.util.Map;

/**
 * The secret that keys fingerprints: the text of an environment variable, or 256 random bits for
 * one run. With a random key fingerprints compare only within that run; with a configured key,
 * across runs too. Never printed: {@link #toString()} names only where it came from.
 */
public final class MaskKey {

  private static final int RANDOM_BYTES = 32;

  private final byte[] secret;
  private final String source;

  private MaskKey(byte[] secret, String source) {
    this.secret = secret;
    this.source = source;
  }

  /** A key from {@code text}, e.g. a variable's value; {@code source} says where it came from. */
  public static MaskKey of(String text, String source) {
    checkArgument(
        text != null && text.length() >= JobDefinition.MIN_MASK_KEY_CHARS,
        "a mask key needs at least %s characters",
        JobDefinition.MIN_MASK_KEY_CHARS);
    checkNotNull(source, "source");
    return new MaskKey(text.getBytes(UTF_8), source);
  }

  /** A fresh key of 256 random bits, for one run. */
  public static MaskKey random(SecureRandom random) {
    byte[] secret = new byte[RANDOM_BYTES];
    random.nextBytes(secret);
    return new MaskKey(secret, "a random key of this run");
  }

  /**
   * The key a job uses: the variable {@code maskKeyEnv} names, else {@value
   * JobDefinition#DEFAULT_MASK_KEY_ENV} when set, else a random key. A named variable that is
   * unset, or a key that is too short, is a ConfigException.
   */
  public static MaskKey resolve(String maskKeyEnv, Map<String, String> env) {
    try {
      check(maskKeyEnv, env);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    String name = maskKeyEnv != null ? maskKeyEnv : JobDefinition.DEFAULT_MASK_KEY_ENV;
    String text = env.get(name);
    return text == null || text.isEmpty() ? random(new SecureRandom()) : of(text, "$" + name);
  }

  /**
   * Throws IllegalArgumentException, never repeating the key, when {@link #resolve} would not find
   * a usable key: a named variable unset or empty, or a key shorter than {@value
   * JobDefinition#MIN_MASK_KEY_CHARS} characters.
   */
  public static void check(String maskKeyEnv, Map<String, String> env) {
    String name = maskKeyEnv != null ? maskKeyEnv : JobDefinition.DEFAULT_MASK_KEY_ENV;
    String text = env.get(name);
    String remedy = "e.g. export " + name + "=\"$(openssl rand -hex 32)\"";
    if (text == null || text.isEmpty()) {
      checkArgument(
          maskKeyEnv == null,
          "mask-key-env names %s, which is not set; %s, or remove mask-key-env to use a random key per run",
          name,
          remedy);
      return;
    }
    checkArgument(
        text.length() >= JobDefinition.MIN_MASK_KEY_CHARS,
        "the mask key in %s has %s characters but needs at least %s; %s%s",
        name,
        text.length(),
        JobDefinition.MIN_MASK_KEY_CHARS,
        remedy,
        maskKeyEnv == null ? ", or unset it to use a random key per run" : "");
  }

  /** Where the key came from, e.g. {@code $PGPARITY_MASK_KEY}; safe to print. */
  public String source() {
    return source;
  }

  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public String toString() {
    return "MaskKey[" + source + "]";
  }
}
