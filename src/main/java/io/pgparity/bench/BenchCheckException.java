package io.pgparity.bench;

/**
 * A check the benchmark makes of its own premises failed (verify's verdict or findings, the drift,
 * the floor), so its times would not measure what they claim; bench prints no ratios then.
 */
final class BenchCheckException extends IllegalStateException {

  BenchCheckException(String message) {
    super(message);
  }
}
