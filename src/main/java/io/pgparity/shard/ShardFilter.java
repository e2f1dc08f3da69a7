package io.pgparity.shard;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.TablePlan;
import io.pgparity.config.Shard;
import java.util.List;

/**
 * The rows one shard owns: those whose key hashes to the shard's index modulo the shard count. The
 * hash depends only on the key, so every shard decides alone, and a row keeps its owner while other
 * rows are written. It follows key equality, as the engine matches rows by key equality: a key's
 * own type hash where that is the same on every cluster (built-in base types), else the hash of its
 * text under the pinned session settings (enums hash their cluster-local OID, and arrays, ranges,
 * composites and extension types may contain one or have no hash function).
 */
public final class ShardFilter {

  private ShardFilter() {}

  /**
   * The plan with the shard's predicate AND-ed to its filter; a plan without a key is unchanged.
   */
  public static TablePlan apply(TablePlan plan, Shard shard) {
    checkNotNull(plan, "plan");
    checkNotNull(shard, "shard");
    if (!plan.comparable()) {
      return plan;
    }
    String own = predicate(plan.key(), shard);
    String where = plan.where() == null ? own : "(" + plan.where() + ") AND " + own;
    return new TablePlan(
        plan.table(),
        plan.key(),
        plan.columns(),
        where,
        plan.findings(),
        plan.advisories(),
        plan.comparable());
  }

  /** E.g. {@code mod(hash_record_extended(ROW("id"), 0), 3) IN (1, -1)}. */
  static String predicate(List<ColumnInfo> key, Shard shard) {
    checkArgument(!key.isEmpty(), "a shard predicate needs key columns");
    List<String> parts = key.stream().map(ShardFilter::hashed).toList();
    String hash = "hash_record_extended(ROW(" + String.join(", ", parts) + "), 0)";
    // mod keeps the sign of a negative hash: -i belongs to shard i too, which still gives every
    // row exactly one shard and keeps the shares even; integers only, never text from a user
    String residues = shard.index() == 0 ? "0" : shard.index() + ", " + -shard.index();
    return "mod(" + hash + ", " + shard.count() + ") IN (" + residues + ")";
  }

  private static String hashed(ColumnInfo column) {
    String c = column.sql();
    if (column.builtIn() && column.kind() == 'b' && column.category() != 'A') {
      return c;
    }
    return c + "::text COLLATE \"C\"";
  }
}
