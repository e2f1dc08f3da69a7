package io.pgparity.job;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.connect.Both;
import io.pgparity.hashing.BucketSum;
import io.pgparity.live.Lsn;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What one finished hash partition leaves in its step execution context for a resumed run: both
 * sides' per-range sums and the primary's WAL position after them, or ({@code unjudged} not null)
 * why its table could not be judged. Spring Batch saves the context together with the partition's
 * COMPLETED status, so a partition counts as done exactly when its sums are stored.
 */
record HashCheckpoint(Both<Map<Integer, BucketSum>> sums, Lsn hashedAt, String unjudged) {

  private static final String PRIMARY = "sums.primary";
  private static final String REPLICA = "sums.replica";
  private static final String HASHED_AT = "hashedAt";
  private static final String UNJUDGED = "unjudged";

  /**
   * Sums are exact integers of up to ~90 bits: base 36 keeps a range's entry near 25 characters.
   */
  private static final int RADIX = 36;

  HashCheckpoint {
    checkArgument(
        (sums == null) != (unjudged == null),
        "a checkpoint holds either sums or why there are none");
    if (sums != null) {
      checkNotNull(hashedAt, "hashedAt");
      sums = new Both<>(Map.copyOf(sums.primary()), Map.copyOf(sums.replica()));
    }
  }

  static HashCheckpoint hashed(Both<Map<Integer, BucketSum>> sums, Lsn hashedAt) {
    return new HashCheckpoint(sums, hashedAt, null);
  }

  static HashCheckpoint unjudged(String reason) {
    return new HashCheckpoint(null, null, reason);
  }

  void writeTo(ExecutionContext context) {
    writeTo(context, "");
  }

  /**
   * Writes under keys that start with {@code prefix}: a batch partition keeps one checkpoint per
   * table in its context, each under the table's {@link #prefix}.
   */
  void writeTo(ExecutionContext context, String prefix) {
    if (unjudged != null) {
      context.putString(prefix + UNJUDGED, unjudged);
      return;
    }
    context.putString(prefix + PRIMARY, encode(sums.primary()));
    context.putString(prefix + REPLICA, encode(sums.replica()));
    context.putLong(prefix + HASHED_AT, hashedAt.value());
  }

  /** The key prefix of table {@code table}'s checkpoint in a batch partition's context. */
  static String prefix(int table) {
    return "t" + table + ".";
  }

  /** The checkpoint in {@code context}; empty when the partition stored none. */
  static Optional<HashCheckpoint> readFrom(ExecutionContext context) {
    return readFrom(context, "");
  }

  /** The checkpoint stored under {@code prefix}; empty when there is none. */
  static Optional<HashCheckpoint> readFrom(ExecutionContext context, String prefix) {
    if (context.containsKey(prefix + UNJUDGED)) {
      return Optional.of(unjudged(context.getString(prefix + UNJUDGED)));
    }
    if (!context.containsKey(prefix + PRIMARY)
        || !context.containsKey(prefix + REPLICA)
        || !context.containsKey(prefix + HASHED_AT)) {
      return Optional.empty();
    }
    return Optional.of(
        hashed(
            new Both<>(
                decode(context.getString(prefix + PRIMARY)),
                decode(context.getString(prefix + REPLICA))),
            new Lsn(context.getLong(prefix + HASHED_AT))));
  }

  /** Adds what this partition found to its table, as if it had just been hashed. */
  void applyTo(TableState table) {
    if (unjudged != null) {
      table.incomplete(unjudged);
      return;
    }
    table.addSums(sums);
    table.hashedAt(hashedAt);
  }

  /** {@code range:rows:sum,...} in range order, numbers in base 36. */
  static String encode(Map<Integer, BucketSum> sums) {
    return new TreeMap<>(sums)
        .entrySet().stream()
            .map(
                e ->
                    Integer.toString(e.getKey(), RADIX)
                        + ':'
                        + Long.toString(e.getValue().rows(), RADIX)
                        + ':'
                        + e.getValue().hashSum().toString(RADIX))
            .collect(Collectors.joining(","));
  }

  static Map<Integer, BucketSum> decode(String text) {
    Map<Integer, BucketSum> sums = new HashMap<>();
    if (text.isEmpty()) {
      return sums;
    }
    for (String entry : text.split(",")) {
      String[] parts = entry.split(":");
      checkArgument(parts.length == 3, "hash checkpoint entry '%s' must be range:rows:sum", entry);
      sums.put(
          Integer.parseInt(parts[0], RADIX),
          new BucketSum(Long.parseLong(parts[1], RADIX), new BigInteger(parts[2], RADIX)));
    }
    return sums;
  }
}
