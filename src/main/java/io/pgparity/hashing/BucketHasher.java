package io.pgparity.hashing;

import io.pgparity.catalog.TablePlan;
import io.pgparity.connect.FailureKind;
import io.pgparity.connect.Side;
import io.pgparity.keyspace.KeyRange;
import io.pgparity.keyspace.KeySql;
import io.pgparity.keyspace.KeyValue;
import io.pgparity.table.SqlIdentifier;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the hash queries of one table on one side: per range, the row count and the exact sum of row
 * hashes, computed inside PostgreSQL so only a few numbers per range cross the network.
 */
public final class BucketHasher {

  private static final Logger log = LoggerFactory.getLogger(BucketHasher.class);

  private final TablePlan plan;
  private final KeySql key;
  private final String rowHash;
  private final String table;

  public BucketHasher(TablePlan plan) {
    this.plan = plan;
    this.key = new KeySql(plan.key());
    this.rowHash = RowHashSql.rowHash(plan.columns());
    this.table = SqlIdentifier.quote(plan.table());
  }

  /**
   * Sums per range of the rows in one heap slice, by range index; ranges without rows are absent.
   * One sequential pass finds each row's range with {@code width_bucket} over the boundaries: it
   * costs less than one index range scan per range even when rows are stored in key order
   * (measured: src/site/markdown/performance.md), and far less on a random key such as a uuid. A
   * slice that hits the statement timeout is hashed as two halves, recursively (see {@link
   * #hashSplitting}).
   */
  public Map<Integer, BucketSum> hash(
      Connection connection, List<KeyValue> boundaries, HashSlice slice) throws SQLException {
    return hash(connection, boundaries, slice, Side.PRIMARY, Pacer.unpaced());
  }

  /**
   * Like {@link #hash(Connection, List, HashSlice)}, reading the slice in pieces paced by {@code
   * pacer}: each piece is one query of about the pacer's target time, adapted to the speed seen.
   */
  public Map<Integer, BucketSum> hash(
      Connection connection, List<KeyValue> boundaries, HashSlice slice, Side side, Pacer pacer)
      throws SQLException {
    return hash(
        connection,
        boundaries,
        slice,
        blocks(connection),
        side,
        pacer,
        new PieceSize(pacer.target()));
  }

  /**
   * Like {@link #hash(Connection, List, HashSlice, Side, Pacer)}, slicing a heap of {@code
   * tableBlocks} blocks as planned rather than as large as it is now, so a slice covers the same
   * blocks in a resumed run; {@code size} carries the piece size learnt by earlier slices.
   */
  public Map<Integer, BucketSum> hash(
      Connection connection,
      List<KeyValue> boundaries,
      HashSlice slice,
      long tableBlocks,
      Side side,
      Pacer pacer,
      PieceSize size)
      throws SQLException {
    BlockRange blocks = slice.blocks(tableBlocks);
    String what = plan.table() + " " + slice;
    Map<Integer, BucketSum> sums = new HashMap<>();
    long first = blocks.first();
    while (true) {
      long pieceBlocks =
          size.blocks(); // read once: other slices of the table may change it meanwhile
      boolean last = blocks.end() - first <= pieceBlocks;
      BlockRange piece =
          last
              ? new BlockRange(first, blocks.end(), blocks.open())
              : new BlockRange(first, first + pieceBlocks, false);
      pacer.beforeQuery();
      long started = System.nanoTime();
      Map<Integer, BucketSum> hashed =
          hashSplitting(what, piece, range -> hashBlocks(connection, boundaries, range));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      size.observed(piece.blocks(), took);
      hashed.forEach((range, sum) -> sums.merge(range, sum, BucketSum::plus));
      long rows = hashed.values().stream().mapToLong(BucketSum::rows).sum();
      log.debug(
          "{} on the {}: {} blocks, {} rows in {} ranges, {} ms",
          what,
          side,
          piece.blocks(),
          rows,
          hashed.size(),
          took.toMillis());
      pacer.afterQuery(side, rows);
      if (last) {
        return sums;
      }
      first = piece.end();
    }
  }

  /** One hash query over some heap blocks; it may fail with the statement timeout. */
  @FunctionalInterface
  interface BlockQuery {
    Map<Integer, BucketSum> hash(BlockRange blocks) throws SQLException;
  }

  /**
   * Runs the query over {@code blocks}; when it hits the statement timeout, over each half of them
   * instead, down to single blocks, and adds up the halves' sums (sums of disjoint rows add up
   * exactly). A single block that still times out fails with SQLSTATE 57014.
   */
  static Map<Integer, BucketSum> hashSplitting(String what, BlockRange blocks, BlockQuery query)
      throws SQLException {
    try {
      return query.hash(blocks);
    } catch (SQLException e) {
      if (FailureKind.of(e) != FailureKind.TIMEOUT) {
        throw e;
      }
      if (!blocks.splittable()) {
        throw new SQLException(
            firstLine(e)
                + " (on "
                + blocks
                + " alone, after splitting the slice down to single blocks)",
            e.getSQLState(),
            e);
      }
      List<BlockRange> halves = blocks.halves();
      log.warn(
          "{}, {}: statement timeout; hashing {} and {} apart",
          what,
          blocks,
          halves.get(0),
          halves.get(1));
      Map<Integer, BucketSum> sums = new HashMap<>(hashSplitting(what, halves.get(0), query));
      hashSplitting(what, halves.get(1), query)
          .forEach((range, sum) -> sums.merge(range, sum, BucketSum::plus));
      return sums;
    }
  }

  private Map<Integer, BucketSum> hashBlocks(
      Connection connection, List<KeyValue> boundaries, BlockRange blocks) throws SQLException {
    boolean from = blocks.first() > 0;
    boolean to = !blocks.open();
    List<String> bounds = new ArrayList<>();
    if (from) {
      bounds.add("ctid >= ?::tid");
    }
    if (to) {
      bounds.add("ctid < ?::tid");
    }
    String ctid = bounds.isEmpty() ? "TRUE" : String.join(" AND ", bounds);
    // a keyless table's key is its row hash: computed once per row, in a subquery
    KeySql outer = plan.keyless() ? KeySql.ofRowHashColumn() : key;
    String sql =
        "SELECT "
            + outer.bucket(!boundaries.isEmpty())
            + ", count(*), sum("
            + (plan.keyless() ? outer.columns() : rowHash)
            + ")::text FROM "
            + KeySql.rows(plan, ctid + plan.andWhere())
            + " GROUP BY 1";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int index = bindBoundaries(connection, ps, 1, boundaries);
      if (from) {
        ps.setString(index++, "(" + blocks.first() + ",0)");
      }
      if (to) {
        ps.setString(index, "(" + blocks.end() + ",0)");
      }
      return readBuckets(ps);
    } catch (SQLException e) {
      if (FailureKind.of(e) == FailureKind.TIMEOUT) {
        // the cancelled statement aborted the transaction; the halves need a usable one
        connection.rollback();
      }
      throw e;
    }
  }

  /**
   * Sums for sub-ranges of {@code range} split at {@code boundaries} (width_bucket over the range).
   */
  public Map<Integer, BucketSum> hashSplit(
      Connection connection, KeyRange range, List<KeyValue> boundaries) throws SQLException {
    String sql =
        "SELECT "
            + bucketExpression(boundaries)
            + ", count(*), sum("
            + rowHash
            + ")::text FROM "
            + table
            + " WHERE "
            + key.rangePredicate(range)
            + plan.andWhere()
            + " GROUP BY 1";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int index = bindBoundaries(connection, ps, 1, boundaries);
      key.bindRange(ps, index, range);
      return readBuckets(ps);
    }
  }

  /** Heap blocks of the table on this side; each side slices its own heap. */
  public long blocks(Connection connection) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT pg_relation_size(c.oid) / current_setting('block_size')::bigint FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
      ps.setString(1, plan.table().schema());
      ps.setString(2, plan.table().name());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private static String firstLine(SQLException e) {
    return e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
  }

  /** Each row's range; rows with a NULL key column (the replica need not forbid them) sum apart. */
  private String bucketExpression(List<KeyValue> boundaries) {
    return key.bucket(!boundaries.isEmpty());
  }

  private int bindBoundaries(
      Connection connection, PreparedStatement ps, int index, List<KeyValue> boundaries)
      throws SQLException {
    return boundaries.isEmpty() ? index : key.bindKeys(connection, ps, index, boundaries);
  }

  /**
   * Runs a grouped hash query. The planner cannot estimate how few ranges there are (it assumes a
   * group per row), and from a few million rows on it sorts the whole table to group it: 10M rows
   * took 16 s against 11 s with a hash table of a few hundred kB. So sorting is turned off for this
   * statement's transaction only.
   */
  private static Map<Integer, BucketSum> readBuckets(PreparedStatement ps) throws SQLException {
    try (java.sql.Statement set = ps.getConnection().createStatement()) {
      set.execute("SET LOCAL enable_sort = off");
    }
    Map<Integer, BucketSum> sums = new HashMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        sums.put(rs.getInt(1), new BucketSum(rs.getLong(2), new BigInteger(rs.getString(3))));
      }
    }
    return sums;
  }
}
