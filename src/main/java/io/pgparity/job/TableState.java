package io.pgparity.job;

import io.pgparity.catalog.TablePlan;
import io.pgparity.compare.DiffCounts;
import io.pgparity.compare.DiffPass;
import io.pgparity.compare.Divergence;
import io.pgparity.compare.SumDifference;
import io.pgparity.config.TableSpec;
import io.pgparity.connect.Both;
import io.pgparity.connect.Side;
import io.pgparity.hashing.BucketSum;
import io.pgparity.hashing.PieceSize;
import io.pgparity.keyspace.KeySql;
import io.pgparity.keyspace.KeyValue;
import io.pgparity.live.Lsn;
import io.pgparity.progress.TableProgress;
import io.pgparity.report.KeySpaceStrip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one run knows about one table as the steps proceed: its plan and ranges (planRanges), the
 * per-range sums of both sides (hashRanges), the diff tallies and a sample of divergences
 * (diffRows). Partitions running on several threads update it, so its mutable parts are concurrent.
 */
final class TableState {

  static final int SAMPLE_SIZE = 20;

  final TableSpec spec;
  final DiffCounts counts;
  volatile TablePlan plan;
  volatile List<KeyValue> boundaries = List.of();
  volatile int slices = 1;

  /**
   * Each side's heap size in blocks when planned: slices cut this size, so a resumed run cuts the
   * same.
   */
  volatile Both<Long> heapBlocks = new Both<>(0L, 0L);

  /** True when heap order is unrelated to key order (a uuid key, say): see {@link #diffPass}. */
  volatile boolean randomHeapOrder;

  volatile String note;

  /** Rows hashed on the primary against the planner's estimate; set by planRanges. */
  volatile TableProgress progress;

  /**
   * Why the table could not be judged (the replica stalled, retries ran out); null while it can.
   */
  private volatile String incomplete;

  private final Map<Integer, BucketSum> primarySums = new ConcurrentHashMap<>();
  private final Map<Integer, BucketSum> replicaSums = new ConcurrentHashMap<>();
  private final List<Divergence> sample = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong hashedAt = new AtomicLong();
  private final Map<Integer, Long> divergentByRange = new ConcurrentHashMap<>();

  /** Per side, so the next slice starts at the piece size the previous ones learnt. */
  private final Map<Side, PieceSize> pieceSizes = new ConcurrentHashMap<>();

  /** Heap slices of this table hashed so far in this run (resumed ones not counted). */
  private final AtomicInteger slicesHashed = new AtomicInteger();

  /** Notes one more slice hashed; when it was the last, the progress line counts the table done. */
  void sliceHashed() {
    if (slicesHashed.incrementAndGet() >= slices && progress != null) {
      progress.finish();
    }
  }

  /** Diff partitions of this table not yet finished; -1 until diffRows has dealt them. */
  private final AtomicInteger diffsLeft = new AtomicInteger(-1);

  TableState(TableSpec spec, long maxDivergences) {
    this.spec = spec;
    this.counts = new DiffCounts(maxDivergences);
  }

  boolean comparable() {
    return plan != null && plan.comparable();
  }

  int ranges() {
    return boundaries.size() + 1;
  }

  void addSums(Both<Map<Integer, BucketSum>> sums) {
    sums.primary().forEach((range, sum) -> primarySums.merge(range, sum, BucketSum::plus));
    sums.replica().forEach((range, sum) -> replicaSums.merge(range, sum, BucketSum::plus));
  }

  /** The adaptive hash piece size of this table on {@code side}, shared by all its slices. */
  PieceSize pieceSize(Side side, Duration target) {
    return pieceSizes.computeIfAbsent(side, s -> new PieceSize(target));
  }

  void diffsDealt(int partitions) {
    diffsLeft.set(partitions);
  }

  void diffDone() {
    diffsLeft.decrementAndGet();
  }

  /**
   * Whether the table has its verdict: nothing left it unjudged, and every range that differs has
   * been diffed. A run stopped early reports the others INCOMPLETE.
   */
  boolean judged() {
    return incomplete == null && (mismatchedRanges().isEmpty() || diffsLeft.get() == 0);
  }

  /** Notes the primary's WAL position after one of its hash queries of this table. */
  void hashedAt(Lsn position) {
    hashedAt.accumulateAndGet(position.value(), Math::max);
  }

  /**
   * The primary's latest WAL position after hashing this table: the replica must pass it before the
   * diff.
   */
  Lsn hashedAt() {
    return new Lsn(hashedAt.get());
  }

  /** Marks the table unjudged; the first reason is kept. */
  void incomplete(String reason) {
    synchronized (this) {
      if (incomplete == null) {
        incomplete = reason;
      }
    }
  }

  String incompleteReason() {
    return incomplete;
  }

  Both<BucketSum> sums(int range) {
    return new Both<>(
        primarySums.getOrDefault(range, BucketSum.EMPTY),
        replicaSums.getOrDefault(range, BucketSum.EMPTY));
  }

  /** Ranges whose count or hash sum differs, in key order. */
  List<Integer> mismatchedRanges() {
    TreeSet<Integer> ranges = new TreeSet<>(primarySums.keySet());
    ranges.addAll(replicaSums.keySet());
    ranges.removeIf(range -> sums(range).primary().equals(sums(range).replica()));
    return List.copyOf(ranges);
  }

  /** How to read the rows of these mismatched ranges: see {@link DiffPass#choose}. */
  DiffPass diffPass(List<Integer> ranges) {
    if (plan.keyless()) {
      // no index on the row hash: one sequential pass reads all mismatched ranges (one partition)
      return DiffPass.SEQUENTIAL;
    }
    long rows = 0;
    for (int range : ranges) {
      rows += Math.max(sums(range).primary().rows(), sums(range).replica().rows());
    }
    return DiffPass.choose(randomHeapOrder, rows, Math.max(rows(true), rows(false)), largerHeap());
  }

  /** The larger side's heap pages when planned: sizes the work_mem of a whole-table diff pass. */
  long largerHeap() {
    return Math.max(heapBlocks.primary(), heapBlocks.replica());
  }

  /** Counts divergent rows found in one mismatched range, for the report's key-space strip. */
  void divergentIn(int range, long rows) {
    if (rows > 0) {
      divergentByRange.merge(range, rows, Long::sum);
    }
  }

  /** Every mismatched range with the divergent rows found in it (0 when none proved divergent). */
  KeySpaceStrip strip() {
    Map<Integer, Long> mismatched = new TreeMap<>();
    mismatchedRanges().stream()
        .filter(
            range ->
                range
                    != KeySql
                        .NULL_KEYS) // no place in key order; its rows are reported all the same
        .forEach(range -> mismatched.put(range, divergentByRange.getOrDefault(range, 0L)));
    return new KeySpaceStrip(ranges(), mismatched);
  }

  /**
   * What the reported divergences leave unexplained of the difference between the sides' sums:
   * count and row-hash sum, primary minus replica, over all ranges (ranges that agree add nothing).
   * Zero when every difference the hash pass saw is a reported row; see {@link
   * DiffCounts#explained()}.
   */
  SumDifference unexplained() {
    Both<BucketSum> explained = counts.explained();
    return SumDifference.between(total(primarySums), total(replicaSums))
        .minus(SumDifference.between(explained.primary(), explained.replica()));
  }

  private static BucketSum total(Map<Integer, BucketSum> sums) {
    return sums.values().stream().reduce(BucketSum.EMPTY, BucketSum::plus);
  }

  long rows(boolean primary) {
    return (primary ? primarySums : replicaSums).values().stream().mapToLong(BucketSum::rows).sum();
  }

  void keepSample(Divergence divergence) {
    synchronized (sample) {
      if (sample.size() < SAMPLE_SIZE) {
        sample.add(divergence);
      }
    }
  }

  List<Divergence> sample() {
    synchronized (sample) {
      return List.copyOf(sample);
    }
  }

  /** Records that work on this table ran from {@code start} to {@code end} (System.nanoTime). */
  void worked(long start, long end) {
    firstStart.accumulateAndGet(start, Math::min);
    lastEnd.accumulateAndGet(end, Math::max);
  }

  double seconds() {
    return firstStart.get() == Long.MAX_VALUE ? 0 : (lastEnd.get() - firstStart.get()) / 1e9;
  }
}
