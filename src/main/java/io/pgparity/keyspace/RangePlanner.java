package io.pgparity.keyspace;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.catalog.TablePlan;
import io.pgparity.table.SqlIdentifier;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses range boundaries from the data, so ranges hold about the same number of rows whatever the
 * key's type, gaps or skew: it reads the key order of a row sample (or of every row, for small
 * tables) and takes every n-th key. Boundaries are strictly increasing; k boundaries make k+1
 * half-open ranges, the outer two unbounded. Rows with a NULL key column (a replica that does not
 * enforce NOT NULL) never bound a range: they form the pseudo range {@link KeySql#NULL_KEYS}.
 */
public final class RangePlanner {

  /**
   * Sample this many keys per planned range, enough that ranges stay within about 2x of the target.
   */
  private static final int SAMPLE_PER_RANGE = 20;

  private static final long MIN_SAMPLE = 20_000;

  /**
   * Pages sampled per planned range with {@link SampleMethod#PAGE_FIRSTS}, and at least this many.
   */
  private static final long PAGES_PER_RANGE = 2;

  private static final long MIN_SAMPLE_PAGES = 1_000;

  private RangePlanner() {}

  /** Estimated rows from the statistics, or an exact count when the table was never analyzed. */
  public static long estimateRows(Connection connection, TablePlan plan) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT c.reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ?")) {
      ps.setString(1, plan.table().schema());
      ps.setString(2, plan.table().name());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getLong(1) > 0) {
          return rs.getLong(1);
        }
      }
    }
    try (PreparedStatement ps =
            connection.prepareStatement(
                "SELECT count(*) FROM " + SqlIdentifier.quote(plan.table()) + plan.whereClause());
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Boundaries for ranges of about {@code rowsPerRange} rows, given an estimate of the rows. */
  public static List<KeyValue> boundaries(
      Connection connection,
      TablePlan plan,
      long estimatedRows,
      int rowsPerRange,
      SampleMethod method)
      throws SQLException {
    long ranges = Math.max(1, Math.round((double) estimatedRows / rowsPerRange));
    if (ranges <= 1) {
      return List.of();
    }
    if (plan.keyless()) {
      return uniform(null, null, ranges);
    }
    if (method == SampleMethod.PAGE_FIRSTS) {
      long pages = pages(connection, plan);
      long wanted = Math.max(MIN_SAMPLE_PAGES, ranges * PAGES_PER_RANGE);
      if (pages > 0 && wanted * 2 < pages) {
        return pageFirsts(connection, plan, pages, wanted, ranges);
      }
      method = SampleMethod.BERNOULLI; // a small table: every row is read anyway
    }
    long sampleRows = Math.min(estimatedRows, Math.max(MIN_SAMPLE, ranges * SAMPLE_PER_RANGE));
    double percent = 100.0 * sampleRows / estimatedRows;
    boolean sample = percent < 50;
    long step = Math.max(1, Math.round((double) (sample ? sampleRows : estimatedRows) / ranges));
    KeySql key = new KeySql(plan.key());
    String sql =
        "SELECT "
            + key.textColumns()
            + " FROM (SELECT "
            + key.columns()
            + ", row_number() OVER (ORDER BY "
            + key.columns()
            + ") AS pgparity_rn FROM "
            + SqlIdentifier.quote(plan.table())
            + (sample ? " TABLESAMPLE " + method.name() + " (?)" : "")
            + " WHERE "
            + key.notNull()
            + plan.andWhere()
            + ") s WHERE pgparity_rn % ? = 0 ORDER BY pgparity_rn";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int index = 1;
      if (sample) {
        ps.setDouble(index++, percent);
      }
      ps.setLong(index, step);
      return readKeys(ps, key);
    }
  }

  /**
   * Boundaries from the smallest key of about {@code wanted} randomly chosen pages of a heap stored
   * in key order: a page holds a narrow run of keys, so its first key stands for its rows, and
   * every n-th of them, in key order, makes ranges of about equal rows.
   */
  private static List<KeyValue> pageFirsts(
      Connection connection, TablePlan plan, long pages, long wanted, long ranges)
      throws SQLException {
    KeySql key = new KeySql(plan.key());
    String page = "(ctid::text::point)[0]";
    String sql =
        "SELECT "
            + key.textColumns()
            + " FROM (SELECT "
            + key.columns()
            + ", row_number() OVER (ORDER BY "
            + key.columns()
            + ") AS pgparity_rn FROM (SELECT DISTINCT ON ("
            + page
            + ") "
            + key.columns()
            + " FROM "
            + SqlIdentifier.quote(plan.table())
            + " TABLESAMPLE SYSTEM (?) WHERE "
            + key.notNull()
            + plan.andWhere()
            + " ORDER BY "
            + page
            + ", "
            + key.columns()
            + ") firsts) s WHERE pgparity_rn % ? = 0 ORDER BY pgparity_rn";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setDouble(1, 100.0 * wanted / pages);
      ps.setLong(2, Math.max(1, Math.round((double) wanted / ranges)));
      return readKeys(ps, key);
    }
  }

  private static long pages(Connection connection, TablePlan plan) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT c.relpages FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?"
                + " AND c.relname = ?")) {
      ps.setString(1, plan.table().schema());
      ps.setString(2, plan.table().name());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** Boundaries splitting one range into about {@code parts} ranges, from the rows of one side. */
  public static List<KeyValue> split(
      Connection connection, TablePlan plan, KeyRange range, long rows, int parts)
      throws SQLException {
    if (plan.keyless()) {
      return uniform(range.lo(), range.hi(), parts);
    }
    long step = Math.max(1, rows / parts);
    KeySql key = new KeySql(plan.key());
    String sql =
        "SELECT "
            + key.textColumns()
            + " FROM (SELECT "
            + key.columns()
            + ", row_number() OVER (ORDER BY "
            + key.columns()
            + ") AS pgparity_rn FROM "
            + SqlIdentifier.quote(plan.table())
            + " WHERE "
            + key.rangePredicate(range)
            + plan.andWhere()
            + ") s WHERE pgparity_rn % ? = 0 ORDER BY pgparity_rn";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int index = key.bindRange(ps, 1, range);
      ps.setLong(index, step);
      return readKeys(ps, key);
    }
  }

  /**
   * Boundaries cutting the bigint span {@code [lo, hi)} (null: the end of the bigint range) into
   * {@code parts} spans of equal width. A keyless table's key is a row hash, spread evenly over the
   * 64 bits, so equal widths hold about equal rows (identical copies of a row share one), and no
   * row need be read: sampling would read the table to evaluate the hash.
   */
  static List<KeyValue> uniform(KeyValue lo, KeyValue hi, long parts) {
    BigInteger from = lo == null ? BigInteger.valueOf(Long.MIN_VALUE) : new BigInteger(only(lo));
    BigInteger to =
        hi == null
            ? BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)
            : new BigInteger(only(hi));
    BigInteger width = to.subtract(from);
    List<KeyValue> cuts = new ArrayList<>();
    BigInteger last = from;
    for (long i = 1; i < parts; i++) {
      BigInteger cut =
          from.add(width.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(parts)));
      if (cut.compareTo(last) > 0 && cut.compareTo(to) < 0) {
        cuts.add(KeyValue.of(cut.toString()));
        last = cut;
      }
    }
    return cuts;
  }

  private static String only(KeyValue bound) {
    checkArgument(bound.values().size() == 1, "a row hash key has one column: %s", bound);
    return bound.values().get(0);
  }

  /**
   * The range with the given index among the ranges that {@code boundaries} make (not {@link
   * KeySql#NULL_KEYS}).
   */
  public static KeyRange range(List<KeyValue> boundaries, int index) {
    checkArgument(
        index >= 0 && index <= boundaries.size(), "range %s of %s", index, boundaries.size() + 1);
    return new KeyRange(
        index == 0 ? null : boundaries.get(index - 1),
        index == boundaries.size() ? null : boundaries.get(index));
  }

  private static List<KeyValue> readKeys(PreparedStatement ps, KeySql key) throws SQLException {
    List<KeyValue> keys = new ArrayList<>();
    ps.setFetchSize(10_000);
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        keys.add(key.read(rs, 1));
      }
    }
    return keys;
  }
}
