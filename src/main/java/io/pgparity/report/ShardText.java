package io.pgparity.report;

import java.util.Optional;

/** The sentence report.md and report.html give a shard or a merged run, saying what it covers. */
final class ShardText {

  private ShardText() {}

  /** Empty for a run that is neither a shard nor merged. */
  static Optional<String> of(RunResult r) {
    if (r.sharding().shard() != null) {
      return Optional.of("Shard " + r.sharding().shard().label() + " of a sharded check: only the rows whose key hashes to "
          + r.sharding().shard().index() + " of " + r.sharding().shard().count() + " were compared; pgparity merge joins the "
          + r.sharding().shard().count() + " shards' run folders into one report.");
    }
    if (!r.sharding().shards().isEmpty()) {
      return Optional.of("Merged from " + r.sharding().shards().size() + " shard runs (" + String.join(", ", r.sharding().shards())
          + ", shard 0 first): counts and divergences are theirs together; the key-space strip and the"
          + " per-range details stay in each shard's own report.html.");
    }
    return Optional.empty();
  }
}
