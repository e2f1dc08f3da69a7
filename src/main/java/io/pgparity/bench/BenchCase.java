package io.pgparity.bench;

import io.pgparity.verdict.Status;

/** The two states of the replica the benchmark verifies, and the verdict each must get. */
enum BenchCase {
  IDENTICAL("identical", Status.CONSISTENT),
  DIVERGENT("0.01% divergent", Status.DIVERGENT);

  private final String label;
  private final Status expected;

  BenchCase(String label, Status expected) {
    this.label = label;
    this.expected = expected;
  }

  String label() {
    return label;
  }

  Status expected() {
    return expected;
  }
}
