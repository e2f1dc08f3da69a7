package io.pgparity.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.TablePlan;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Boundaries from the sample methods chosen for a table stored in key order, with gaps in the key:
 * about the planned number of ranges, strictly increasing, each holding about the planned rows.
 */
class RangePlannerIntegrationTests {

  private static final int ROWS = 200_000;
  private static final int PER_RANGE = 1_000;

  private static EmbeddedPair pair;
  private static TablePlan plan;

  @BeforeAll
  static void create() {
    pair = TestServers.pair();
    String schema = TestServers.uniqueSchema("range_planner");
    // key order is heap order (correlation 1), with a gap of 10 000 keys every 1 000 rows
    TestServers.exec(
        pair.primary(),
        "CREATE TABLE "
            + schema
            + ".t (id bigint PRIMARY KEY, pad text);"
            + "INSERT INTO "
            + schema
            + ".t SELECT g + (g / 1000) * 10000, repeat('x', 60) FROM generate_series(1, "
            + ROWS
            + ") g; ANALYZE "
            + schema
            + ".t");
    ColumnInfo id = new ColumnInfo("id", "bigint", "int8", "pg_catalog", 'N', 'b', true);
    plan =
        new TablePlan(new TableRef(schema, "t"), List.of(id), List.of(id), null, List.of(), true);
  }

  /**
   * SYSTEM is left out: on a key-ordered heap its pages bunch the boundaries, which is why it is
   * not chosen there.
   */
  @ParameterizedTest
  @EnumSource(
      value = SampleMethod.class,
      names = {"BERNOULLI", "PAGE_FIRSTS"})
  void rangesHoldAboutThePlannedRowsOnAKeyOrderedHeap(SampleMethod method) throws Exception {
    try (Connection connection = pair.primary().getConnection()) {
      List<KeyValue> boundaries =
          RangePlanner.boundaries(connection, plan, ROWS, PER_RANGE, method);
      int planned = ROWS / PER_RANGE;
      assertThat(boundaries.size() + 1)
          .as("%s: ranges", method)
          .isBetween(planned / 2, planned * 2);
      List<Long> keys = boundaries.stream().map(k -> Long.parseLong(k.values().get(0))).toList();
      assertThat(keys).as("%s: strictly increasing", method).isSorted().doesNotHaveDuplicates();
      long largest = 0;
      for (long rows : rowsPerRange(connection, keys)) {
        largest = Math.max(largest, rows);
      }
      // a row sample spreads them within about 2x; a page sample of a key-ordered heap as well
      assertThat(largest)
          .as("%s: rows of the largest range", method)
          .isLessThanOrEqualTo(4L * ROWS / (boundaries.size() + 1));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = SampleMethod.class,
      names = {"PAGE_FIRSTS"})
  void aKeyOrderedHeapIsSampledByPages(SampleMethod method) throws Exception {
    try (Connection connection = pair.primary().getConnection();
        PreparedStatement ps =
            connection.prepareStatement(
                "SELECT correlation FROM pg_stats WHERE schemaname = ?"
                    + " AND tablename = 't' AND attname = 'id'")) {
      ps.setString(1, plan.table().schema());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(SampleMethod.forCorrelation(rs.getDouble(1))).isEqualTo(method);
      }
    }
  }

  private static List<Long> rowsPerRange(Connection connection, List<Long> keys) throws Exception {
    List<Long> counts = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT width_bucket(id, ?::bigint[]), count(*) FROM "
                + plan.table().schema()
                + ".t GROUP BY 1")) {
      ps.setArray(1, connection.createArrayOf("int8", keys.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.add(rs.getLong(2));
        }
      }
    }
    return counts;
  }
}
