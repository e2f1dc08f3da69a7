package io.pgparity.hashing;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.catalog.TablePlan;
import io.pgparity.connect.FailureKind;
import io.pgparity.keyspace.KeySql;
import io.pgparity.table.SqlIdentifier;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hashes many small tables with one query per side: each table is one range (no boundaries), and
 * its {@code count(*)} and row-hash sum come from one branch of a UNION ALL. The sums are exactly
 * those {@link BucketHasher} computes for a table of one range in one slice (the same row hash, the
 * same bucket expression, the same filter), so a table hashed here and a table hashed alone compare
 * the same way. What this saves is per table: a query round trip per side, and the Spring Batch
 * partition each table would otherwise be (measured: about 15 ms per table).
 */
public final class TableBatchHasher {

  private final List<TablePlan> plans;

  public TableBatchHasher(List<TablePlan> plans) {
    checkArgument(!plans.isEmpty(), "a batch hashes at least one table");
    plans.forEach(
        plan -> checkArgument(plan.comparable(), "%s: not comparable, not hashed", plan.table()));
    this.plans = List.copyOf(plans);
  }

  /**
   * Per table (by its index in the batch), its sums by range: range 0 for the rows, {@link
   * KeySql#NULL_KEYS} for rows with a NULL key column; a table without rows is absent. A statement
   * timeout propagates (SQLSTATE 57014) with the transaction rolled back, so the caller can hash
   * the tables one by one, which splits a slow one (see {@link BucketHasher}).
   */
  public Map<Integer, Map<Integer, BucketSum>> hash(Connection connection) throws SQLException {
    try (Statement set = connection.createStatement()) {
      // as BucketHasher: grouping by a hash table, not by sorting each table
      set.execute("SET LOCAL enable_sort = off");
    }
    Map<Integer, Map<Integer, BucketSum>> sums = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(sql());
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        sums.computeIfAbsent(rs.getInt(1), t -> new HashMap<>())
            .put(rs.getInt(2), new BucketSum(rs.getLong(3), new BigInteger(rs.getString(4))));
      }
    } catch (SQLException e) {
      if (FailureKind.of(e) == FailureKind.TIMEOUT) {
        connection.rollback();
      }
      throw e;
    }
    return sums;
  }

  String sql() {
    List<String> branches = new ArrayList<>();
    for (int t = 0; t < plans.size(); t++) {
      TablePlan plan = plans.get(t);
      branches.add(
          "(SELECT "
              + t
              + ", "
              + new KeySql(plan.key()).bucket(false)
              + ", count(*), sum("
              + RowHashSql.rowHash(plan.columns())
              + ")::text FROM "
              + SqlIdentifier.quote(plan.table())
              + plan.whereClause()
              + " GROUP BY 2)");
    }
    return String.join("\nUNION ALL\n", branches);
  }
}
