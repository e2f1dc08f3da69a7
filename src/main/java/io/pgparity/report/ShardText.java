package io.pgparity.report;

import io.pgparity.config.Shard;
import java.util.List;
import java.util.Optional;

/** The sentence report.md and report.html give a shard or a merged run, saying what it covers. */
final class ShardText {

  private ShardText() {}

  /** Empty for a run that is neither a shard nor merged. */
  static Optional<String> of(RunResult r) {
    Shard shard = r.sharding().shard();
    List<String> shards = r.sharding().shards();
    if (shard != null) {
      return Optional.of(
          "Shard "
              + shard.label()
              + " of a sharded check: only the rows whose key hashes to "
              + shard.index()
              + " of "
              + shard.count()
              + " were compared; pgparity merge joins the "
              + shard.count()
              + " shards' run folders into one report.");
    }
    if (!shards.isEmpty()) {
      return Optional.of(
          "Merged from "
              + shards.size()
              + " shard runs ("
              + String.join(", ", shards)
              + ", shard 0 first): counts and divergences are theirs together; the key-space strip and the"
              + " per-range details stay in each shard's own report.html.");
    }
    return Optional.empty();
  }
}
