package io.pgparity.compare;

import com.google.common.collect.HashMultiset;
import io.pgparity.catalog.TablePlan;
import io.pgparity.connect.Both;
import io.pgparity.connect.ServerPair;
import io.pgparity.connect.Side;
import io.pgparity.hashing.BucketHasher;
import io.pgparity.hashing.BucketSum;
import io.pgparity.keyspace.KeyRange;
import io.pgparity.keyspace.KeyValue;
import io.pgparity.keyspace.RangePlanner;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds the divergent rows inside a range whose hashes differ. A large range is split at keys read
 * from the side with more rows and only the sub-ranges whose hashes differ are examined further; a
 * small range is compared key by key on (key, row hash); only keys that differ are fetched whole,
 * from both sides at once, and classified. The work grows with the number of divergent rows, not
 * with the table.
 */
public final class RangeNarrower {

  /** A range this small is compared row by row: a few thousand (key, hash) pairs per side. */
  static final int LEAF_ROWS = 4_096;

  static final int SPLIT_PARTS = 32;

  static final int FETCH_BATCH = 500;

  private final ServerPair pair;
  private final TablePlan plan;
  private final BucketHasher hasher;
  private final RowFetcher fetcher;
  private final DiffCounts counts;
  private final Rechecker rechecker;
  private final boolean catchUpWaits;

  /**
   * Hears the key of each divergent row as it is reported, for the report's key-space strip; set
   * for one {@link #narrow} or {@link #classify} call (a narrower serves one partition, one
   * thread).
   */
  private Consumer<KeyValue> listener = key -> {};

  /**
   * Reports divergent rows to {@code divergent} and suspect rows that rechecking found converged or
   * unstable to {@code settled}.
   */
  public RangeNarrower(
      ServerPair pair,
      TablePlan plan,
      DiffCounts counts,
      LiveRecheck live,
      Consumer<Divergence> divergent,
      Consumer<RecheckedRow> settled) {
    this.pair = pair;
    this.plan = plan;
    this.hasher = new BucketHasher(plan);
    this.fetcher = new RowFetcher(plan, live.settle());
    this.counts = counts;
    Consumer<Divergence> noted =
        d -> {
          divergent.accept(d);
          listener.accept(new KeyValue(new ArrayList<>(d.key().values())));
        };
    this.rechecker = new Rechecker(pair, plan, fetcher, live, counts, noted, settled);
    this.catchUpWaits = live.catchUp().waits();
  }

  /** True when both sides of a range are small enough to compare row by row without splitting. */
  public static boolean small(Both<BucketSum> sums) {
    return Math.max(sums.primary().rows(), sums.replica().rows()) <= LEAF_ROWS;
  }

  /**
   * Examines one range whose sums differ, reporting every divergent row in it to the sink and its
   * key to {@code onDivergent}.
   */
  public void narrow(KeyRange range, Both<BucketSum> sums, Consumer<KeyValue> onDivergent) {
    listening(onDivergent, () -> descend(range, sums));
  }

  private void descend(KeyRange range, Both<BucketSum> sums) {
    if (counts.exhausted()) {
      counts.skipped();
      return;
    }
    long rows = Math.max(sums.primary().rows(), sums.replica().rows());
    if (rows > LEAF_ROWS) {
      Side larger = sums.primary().rows() >= sums.replica().rows() ? Side.PRIMARY : Side.REPLICA;
      // messages and retry warnings name the range by size, never by its key values
      String what = plan.table() + ": split of a range of " + rows + " rows";
      List<KeyValue> cuts =
          pair.on(larger, what, (c, s) -> RangePlanner.split(c, plan, range, rows, SPLIT_PARTS));
      if (!cuts.isEmpty()) {
        Both<Map<Integer, BucketSum>> parts =
            pair.onBoth(what, (c, s) -> hasher.hashSplit(c, range, cuts));
        moved(sums, new Both<>(total(parts.primary()), total(parts.replica())));
        boolean differs = false;
        for (int i = 0; i <= cuts.size(); i++) {
          BucketSum p = parts.primary().getOrDefault(i, BucketSum.EMPTY);
          BucketSum r = parts.replica().getOrDefault(i, BucketSum.EMPTY);
          if (!p.equals(r)) {
            differs = true;
            descend(subRange(range, cuts, i), new Both<>(p, r));
          }
        }
        if (!differs) {
          agreed();
        }
        return;
      }
    }
    compareRows(range, sums);
  }

  private void compareRows(KeyRange range, Both<BucketSum> sums) {
    Both<Map<KeyValue, List<Long>>> hashes =
        pair.onBoth(
            plan.table() + ": row hashes of a range", (c, s) -> fetcher.keyHashes(c, range));
    moved(sums, new Both<>(total(hashes.primary().values()), total(hashes.replica().values())));
    List<KeyValue> suspects = suspects(hashes.primary(), hashes.replica());
    if (suspects.isEmpty()) {
      agreed();
    }
    judge(suspects);
  }

  /**
   * Keys whose rows differ as multisets of row hashes (a key may hold several rows on a replica
   * that does not enforce it) or that exist on one side only, primary's first.
   */
  static List<KeyValue> suspects(
      Map<KeyValue, List<Long>> primary, Map<KeyValue, List<Long>> replica) {
    Set<KeyValue> suspects = new LinkedHashSet<>();
    primary.forEach(
        (key, hashes) -> {
          if (!HashMultiset.create(hashes)
              .equals(HashMultiset.create(replica.getOrDefault(key, List.of())))) {
            suspects.add(key);
          }
        });
    replica.keySet().stream().filter(k -> !primary.containsKey(k)).forEach(suspects::add);
    return new ArrayList<>(suspects);
  }

  /**
   * Notes a range whose rows, as the diff read them, add up to other sums than the hash pass (or
   * the split before) found on a side: rows moved in between. On a replica that is waited for that
   * is rows in flight, which the table's accounting cannot hold to the hash pass's sums.
   */
  void moved(Both<BucketSum> hashed, Both<BucketSum> read) {
    if (!hashed.primary().equals(read.primary()) || !hashed.replica().equals(read.replica())) {
      counts.movedRange();
    }
  }

  private static BucketSum total(Map<Integer, BucketSum> sums) {
    return sums.values().stream().reduce(BucketSum.EMPTY, BucketSum::plus);
  }

  private static BucketSum total(Collection<List<Long>> hashes) {
    long rows = 0;
    BigInteger sum = BigInteger.ZERO;
    for (List<Long> key : hashes) {
      for (long hash : key) {
        rows++;
        sum = sum.add(BigInteger.valueOf(hash));
      }
    }
    return new BucketSum(rows, sum);
  }

  /**
   * A range whose hashes differed holds no differing row now. Where the replica was waited for, the
   * difference was in flight; elsewhere the table's accounting finds it unexplained.
   */
  void agreed() {
    if (catchUpWaits) {
      counts.convergedRange();
    }
  }

  /** True once the table's divergence budget is spent. */
  boolean budgetSpent() {
    return counts.exhausted();
  }

  /** Notes that suspect rows were left unexamined, which makes the table INCOMPLETE. */
  void skipRest() {
    counts.skipped();
  }

  /**
   * Fetches suspect rows from both sides, rechecking as needed, and reports those that differ, with
   * their keys to {@code onDivergent}.
   */
  void classify(List<KeyValue> suspects, Consumer<KeyValue> onDivergent) {
    listening(onDivergent, () -> judge(suspects));
  }

  private void judge(List<KeyValue> suspects) {
    for (int start = 0; start < suspects.size(); start += FETCH_BATCH) {
      if (!rechecker.judge(
          List.copyOf(suspects.subList(start, Math.min(suspects.size(), start + FETCH_BATCH))))) {
        return;
      }
    }
  }

  private void listening(Consumer<KeyValue> onDivergent, Runnable work) {
    Consumer<KeyValue> outer = listener;
    listener = onDivergent;
    try {
      work.run();
    } finally {
      listener = outer;
    }
  }

  private static KeyRange subRange(KeyRange parent, List<KeyValue> cuts, int index) {
    return new KeyRange(
        index == 0 ? parent.lo() : cuts.get(index - 1),
        index == cuts.size() ? parent.hi() : cuts.get(index));
  }
}
