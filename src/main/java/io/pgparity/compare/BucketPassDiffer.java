package io.pgparity.compare;

import io.pgparity.catalog.TablePlan;
import io.pgparity.connect.Both;
import io.pgparity.connect.FailureKind;
import io.pgparity.connect.ServerPair;
import io.pgparity.connect.Side;
import io.pgparity.connect.SideFailure;
import io.pgparity.failure.CompareException;
import io.pgparity.hashing.BucketSum;
import io.pgparity.hashing.RowHashSql;
import io.pgparity.keyspace.KeySql;
import io.pgparity.keyspace.KeyValue;
import io.pgparity.keyspace.RangePlanner;
import io.pgparity.table.SqlIdentifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;

/**
 * Diffs many small mismatched ranges of a table with one query per side instead of one per range:
 * the ranges' predicates are OR-ed, which PostgreSQL reads as one bitmap scan visiting each heap
 * page once (a random key would otherwise send every range back to the same pages). Each side
 * streams (range, key, row hash) for those rows only, ordered by range and row hash, and the two
 * streams are merged row by row, so memory holds only the suspects, never a range. Rows with a NULL
 * key column form a range of their own ({@link KeySql#NULL_KEYS}), read by IS NULL.
 */
public final class BucketPassDiffer {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(BucketPassDiffer.class);

  /** Ranges read per query: each adds an index range to one bitmap scan. */
  public static final int RANGES_PER_PASS = 256;

  private final ServerPair pair;
  private final TablePlan plan;
  private final KeySql key;
  private final RangeNarrower narrower;
  private final RangeTally tally;
  private final IntFunction<Both<BucketSum>> hashed;

  /**
   * {@code tally} hears how many divergent rows each range held; {@code hashed} gives each range's
   * sums from the hash pass, to tell whether its rows moved before the diff read them.
   */
  public BucketPassDiffer(
      ServerPair pair,
      TablePlan plan,
      RangeNarrower narrower,
      RangeTally tally,
      IntFunction<Both<BucketSum>> hashed) {
    this.pair = pair;
    this.plan = plan;
    this.key = new KeySql(plan.key());
    this.narrower = narrower;
    this.tally = tally;
    this.hashed = hashed;
  }

  /**
   * Finds the divergent rows of the given ranges (by index among the ranges {@code boundaries}
   * make), reading them as {@code pass} says (see {@link DiffPass}); {@code heapBlocks} sizes the
   * work_mem of {@link DiffPass#ONE_BITMAP}.
   */
  public void diff(
      List<KeyValue> boundaries, List<Integer> ranges, DiffPass pass, long heapBlocks) {
    Set<KeyValue> judged = new HashSet<>();
    if (plan.keyless()) {
      // no index holds a row hash: any range predicate is a full scan, so one scan per side keeps
      // the rows of every range at once
      pass = DiffPass.SEQUENTIAL;
    }
    if (pass.wholeTable()) {
      runSplitting(boundaries, ranges, pass, heapBlocks, judged);
      return;
    }
    for (int start = 0; start < ranges.size(); start += RANGES_PER_PASS) {
      runSplitting(
          boundaries,
          ranges.subList(start, Math.min(ranges.size(), start + RANGES_PER_PASS)),
          pass,
          heapBlocks,
          judged);
    }
  }

  /**
   * Runs one pass; when it hits the statement timeout, diffs each half of its ranges by index
   * instead, down to single ranges (a range that still times out leaves the table INCOMPLETE). Keys
   * already judged by a pass that failed midway are not reported again.
   */
  private void runSplitting(
      List<KeyValue> boundaries,
      List<Integer> ranges,
      DiffPass pass,
      long heapBlocks,
      Set<KeyValue> judged) {
    try {
      run(boundaries, ranges, pass, heapBlocks, judged);
    } catch (CompareException e) {
      if (FailureKind.of(e) != FailureKind.TIMEOUT || ranges.size() < 2) {
        throw e;
      }
      int half = ranges.size() / 2;
      DiffPass halves = plan.keyless() ? DiffPass.SEQUENTIAL : DiffPass.INDEX_BATCHES;
      log.warn(
          "{}: a diff of {} ranges hit the statement timeout; diffing {} and {} apart",
          plan.table(),
          ranges.size(),
          half,
          ranges.size() - half);
      runSplitting(boundaries, ranges.subList(0, half), halves, heapBlocks, judged);
      runSplitting(boundaries, ranges.subList(half, ranges.size()), halves, heapBlocks, judged);
    }
  }

  private void run(
      List<KeyValue> boundaries,
      List<Integer> ranges,
      DiffPass pass,
      long heapBlocks,
      Set<KeyValue> judged) {
    boolean sequential = pass == DiffPass.SEQUENTIAL;
    log.debug("{}: diffing {} ranges, {}", plan.table(), ranges.size(), pass);
    if (plan.keyless()) {
      runKeyless(boundaries, ranges, judged);
      return;
    }
    String bucket = key.bucket(!boundaries.isEmpty());
    String filter;
    if (sequential) {
      // the row hash is only computed for rows that pass the filter
      filter = bucket + " = ANY (?::int[])";
    } else {
      List<String> predicates = new ArrayList<>();
      for (int range : ranges) {
        predicates.add(
            range == KeySql.NULL_KEYS
                ? key.nullKey()
                : "(" + key.rangePredicate(RangePlanner.range(boundaries, range)) + ")");
      }
      filter = "(" + String.join(" OR ", predicates) + ")";
    }
    String sql =
        "SELECT "
            + bucket
            + ", "
            + key.textColumns()
            + ", "
            + RowHashSql.rowHash(plan.columns())
            + " FROM "
            + SqlIdentifier.quote(plan.table())
            + " WHERE "
            + filter
            + plan.andWhere()
            + " ORDER BY 1, "
            + BucketStream.hashColumn(key);
    stream(sql, boundaries, ranges, pass, heapBlocks, judged);
  }

  /**
   * The sequential pass over a keyless table, whose key is its row hash: computed once per row in a
   * subquery, it gives the range, the key and the hash the streams are merged on.
   */
  private void runKeyless(List<KeyValue> boundaries, List<Integer> ranges, Set<KeyValue> judged) {
    KeySql hash = KeySql.ofRowHashColumn();
    String bucket = hash.bucket(!boundaries.isEmpty());
    String sql =
        "SELECT "
            + bucket
            + ", "
            + hash.textColumns()
            + ", "
            + hash.columns()
            + " FROM "
            + KeySql.rows(plan, "TRUE" + plan.andWhere())
            + " WHERE "
            + bucket
            + " = ANY (?::int[]) ORDER BY 1, "
            + BucketStream.hashColumn(key);
    stream(sql, boundaries, ranges, DiffPass.SEQUENTIAL, 0, judged);
  }

  /** Runs the diff query on both sides and merges the two streams. */
  private void stream(
      String sql,
      List<KeyValue> boundaries,
      List<Integer> ranges,
      DiffPass pass,
      long heapBlocks,
      Set<KeyValue> judged) {
    boolean sequential = pass == DiffPass.SEQUENTIAL;
    pair.withBoth(
        plan.table() + ": diff of " + ranges.size() + " ranges",
        (primary, replica) -> {
          Set<Integer> suspectRanges = new HashSet<>();
          settings(primary, pass, heapBlocks);
          settings(replica, pass, heapBlocks);
          try (PreparedStatement onPrimary = prepare(primary, sql, boundaries, ranges, sequential);
              PreparedStatement onReplica = prepare(replica, sql, boundaries, ranges, sequential)) {
            CompletableFuture<ResultSet> replicaRows =
                CompletableFuture.supplyAsync(() -> execute(onReplica));
            try (ResultSet p = onPrimary.executeQuery();
                ResultSet r = join(replicaRows)) {
              Set<Integer> visited = new HashSet<>();
              if (merge(
                  new BucketStream(p, key),
                  new BucketStream(r, key),
                  judged,
                  suspectRanges,
                  visited)) {
                for (int range : ranges) {
                  if (!suspectRanges.contains(range)) {
                    narrower.agreed();
                  }
                  if (!visited.contains(range)) {
                    // no row on either side now, where the hash pass found some
                    narrower.moved(
                        hashed.apply(range), new Both<>(BucketSum.EMPTY, BucketSum.EMPTY));
                  }
                }
              }
            }
          }
          return null;
        });
  }

  /**
   * Merges the two sides' streams, range by range, on the row hash: a row whose hash the other side
   * also holds in that range is equal there (the hash covers the key, so two different rows would
   * have to collide in 64 bits); every other row is a suspect. No range is ever held in memory.
   * {@code judged} holds the keys already handed on, so a retried pass (after a dropped connection)
   * does not report a row twice.
   */
  private boolean merge(
      BucketStream primary,
      BucketStream replica,
      Set<KeyValue> judged,
      Set<Integer> suspectRanges,
      Set<Integer> visited)
      throws SQLException {
    primary.advance();
    replica.advance();
    // suspects of many ranges are fetched together, one round trip per batch; each maps to its
    // range
    Map<KeyValue, Integer> suspects = new LinkedHashMap<>();
    while (!primary.done || !replica.done) {
      if (narrower.budgetSpent()) {
        narrower.skipRest();
        return false;
      }
      int range =
          primary.done
              ? replica.bucket
              : replica.done ? primary.bucket : Math.min(primary.bucket, replica.bucket);
      while (primary.in(range) || replica.in(range)) {
        if (primary.in(range) && replica.in(range) && primary.hash == replica.hash) {
          primary.advance();
          replica.advance();
        } else if (primary.in(range) && (!replica.in(range) || primary.hash < replica.hash)) {
          suspect(primary.key(), range, suspects, judged);
          suspectRanges.add(range);
          primary.advance();
        } else {
          suspect(replica.key(), range, suspects, judged);
          suspectRanges.add(range);
          replica.advance();
        }
      }
      visited.add(range);
      narrower.moved(hashed.apply(range), new Both<>(primary.read(range), replica.read(range)));
      if (suspects.size() >= RangeNarrower.FETCH_BATCH) {
        classify(suspects, judged);
      }
    }
    classify(suspects, judged);
    return true;
  }

  /** A changed row is a suspect on both sides; it is judged once. */
  private static void suspect(
      KeyValue key, int range, Map<KeyValue, Integer> suspects, Set<KeyValue> judged) {
    if (!judged.contains(key)) {
      suspects.putIfAbsent(key, range);
    }
  }

  private void classify(Map<KeyValue, Integer> suspects, Set<KeyValue> judged) {
    narrower.classify(
        List.copyOf(suspects.keySet()),
        key -> {
          Integer range = suspects.get(key);
          if (range != null) {
            tally.divergent(range, 1);
          }
        });
    judged.addAll(suspects.keySet());
    suspects.clear();
  }

  /**
   * For the transaction only: OR-ed ranges must be read by a bitmap scan, never by a sequential
   * scan testing every row against every range; and a bitmap over the whole table gets the work_mem
   * that keeps it exact.
   */
  private static void settings(Connection connection, DiffPass pass, long heapBlocks)
      throws SQLException {
    if (pass == DiffPass.SEQUENTIAL) {
      return;
    }
    try (java.sql.Statement set = connection.createStatement()) {
      set.execute("SET LOCAL enable_seqscan = off");
    }
    if (pass == DiffPass.ONE_BITMAP) {
      // never lowers a work_mem the role already has
      try (PreparedStatement set =
          connection.prepareStatement(
              "SELECT set_config('work_mem', ?, true) WHERE ? > pg_size_bytes(current_setting('work_mem'))")) {
        long bytes = DiffPass.bitmapBytes(heapBlocks);
        set.setString(1, (bytes >> 10) + "kB");
        set.setLong(2, bytes);
        set.execute();
      }
    }
  }

  private PreparedStatement prepare(
      Connection connection,
      String sql,
      List<KeyValue> boundaries,
      List<Integer> ranges,
      boolean sequential)
      throws SQLException {
    PreparedStatement ps = connection.prepareStatement(sql);
    int index = 1;
    if (!boundaries.isEmpty()) {
      index = key.bindKeys(connection, ps, index, boundaries);
    }
    if (sequential) {
      if (!boundaries.isEmpty()) {
        index = key.bindKeys(connection, ps, index, boundaries);
      }
      ps.setArray(index, connection.createArrayOf("int4", ranges.toArray()));
    } else {
      for (int range : ranges) {
        if (range != KeySql.NULL_KEYS) {
          index = key.bindRange(ps, index, RangePlanner.range(boundaries, range));
        }
      }
    }
    ps.setFetchSize(5_000);
    return ps;
  }

  private static ResultSet execute(PreparedStatement ps) {
    try {
      return ps.executeQuery();
    } catch (SQLException e) {
      throw new CompletionException(new SideFailure(Side.REPLICA, e));
    }
  }

  private static ResultSet join(CompletableFuture<ResultSet> future) throws SQLException {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
    }
  }
}
