package io.pgparity.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.ColumnInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeySqlTests {

  private static final ColumnInfo ID =
      new ColumnInfo("id", "bigint", "int8", "pg_catalog", 'N', 'b', true);
  private static final ColumnInfo NAME =
      new ColumnInfo("Name", "text", "text", "pg_catalog", 'S', 'b', true);

  @Test
  void rangesAreHalfOpenAndOuterRangesUnbounded() {
    KeySql key = new KeySql(List.of(ID));
    assertThat(key.rangePredicate(new KeyRange(KeyValue.of("1"), KeyValue.of("9"))))
        .isEqualTo(
            "(\"id\" IS NOT NULL) AND \"id\" >= CAST(? AS bigint) AND \"id\" < CAST(? AS bigint)");
    assertThat(key.rangePredicate(new KeyRange(null, KeyValue.of("9"))))
        .isEqualTo("(\"id\" IS NOT NULL) AND \"id\" < CAST(? AS bigint)");
    // a replica need not enforce NOT NULL: rows with a NULL key belong to no key range
    assertThat(key.rangePredicate(KeyRange.all())).isEqualTo("(\"id\" IS NOT NULL)");
  }

  @Test
  void compositeKeysUseRowValueComparisons() {
    KeySql key = new KeySql(List.of(ID, NAME));
    // (2, NULL) >= (1, 'a') is true: the row comparison alone would let a NULL key column in
    assertThat(key.rangePredicate(new KeyRange(KeyValue.of("1", "a"), null)))
        .isEqualTo(
            "(\"id\" IS NOT NULL AND \"Name\" IS NOT NULL) AND (\"id\", \"Name\") >= (CAST(? AS bigint),"
                + " CAST(? AS text))");
    assertThat(key.bucket(false))
        .isEqualTo("CASE WHEN (\"id\" IS NULL OR \"Name\" IS NULL) THEN -1 ELSE 0 END");
    assertThat(key.operand()).isEqualTo("ROW(\"id\", \"Name\")");
    assertThat(key.keyIn())
        .isEqualTo(
            "(\"id\", \"Name\") IN (SELECT CAST(x.c0 AS bigint), CAST(x.c1 AS text) FROM unnest(?::text[], ?::text[])"
                + " AS x(c0, c1))");
  }

  @Test
  void aKeyMayHoldNullWhereTheReplicaAllowsIt() {
    KeyValue key = KeyValue.of("1", null);
    assertThat(key.hasNull()).isTrue();
    assertThat(key).isEqualTo(KeyValue.of("1", null));
    assertThat(key.toString()).isEqualTo("(1, NULL)");
    assertThat(KeyValue.of("1", "a").hasNull()).isFalse();
  }

  @Test
  void boundariesMakeOneMoreRangeThanTheyHave() {
    List<KeyValue> cuts = List.of(KeyValue.of("10"), KeyValue.of("20"));
    assertThat(RangePlanner.range(cuts, 0)).isEqualTo(new KeyRange(null, KeyValue.of("10")));
    assertThat(RangePlanner.range(cuts, 1))
        .isEqualTo(new KeyRange(KeyValue.of("10"), KeyValue.of("20")));
    assertThat(RangePlanner.range(cuts, 2)).isEqualTo(new KeyRange(KeyValue.of("20"), null));
  }

  @Test
  void blockSamplesOnlyWhenHeapOrderIsUnrelatedToKeyOrder() {
    assertThat(SampleMethod.forCorrelation(0.01)).isEqualTo(SampleMethod.SYSTEM);
    assertThat(SampleMethod.forCorrelation(-0.99)).isEqualTo(SampleMethod.PAGE_FIRSTS);
    assertThat(SampleMethod.forCorrelation(0.95)).isEqualTo(SampleMethod.PAGE_FIRSTS);
    assertThat(SampleMethod.forCorrelation(0.6)).isEqualTo(SampleMethod.BERNOULLI);
    assertThat(SampleMethod.forCorrelation(null)).isEqualTo(SampleMethod.BERNOULLI);
  }
}
