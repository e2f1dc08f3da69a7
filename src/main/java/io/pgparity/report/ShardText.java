package io.pgparity.report;

import java.util.Optional;

/** The sentence report.md and report.html give a shard or a merged run, saying what it covers. */
final class ShardText {

  private ShardText() {}

  /** Empty for a run that is neither a shard nor merged. */
  static Optional<String> of(RunResult r) {
    if (r.shard() != null) {
      return Optional.of("Shard " + r.shard().label() + " of a sharded check: only the rows whose key hashes to "
          + r.shard().index() + " of " + r.shard().count() + " were compared; pgparity merge joins the "
          + r.shard().count() + " shards' run folders into one report.");
    }
    if (!r.shards().isEmpty()) {
      return Optional.of("Merged from " + r.shards().size() + " shard runs (" + String.join(", ", r.shards())
          + ", shard 0 first): counts and divergences are theirs together; the key-space strip and the"
          + " per-range details stay in each shard's own report.html.");
    }
    return Optional.empty();
  }
}
