package io.pgparity.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.catalog.ColumnInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeySqlTests {

  private static final ColumnInfo ID = new ColumnInfo("id", "bigint", "int8", "pg_catalog", 'N', 'b', true);
  private static final ColumnInfo NAME = new ColumnInfo("Name", "text", "text", "pg_catalog", 'S', 'b', true);

  @Test
  void rangesAreHalfOpenAndOuterRangesUnbounded() {
    KeySql key = new KeySql(List.of(ID));
    assertThat(key.rangePredicate(new KeyRange(KeyValue.of("1"), KeyValue.of("9"))))
        .isEqualTo("\"id\" >= CAST(? AS bigint) AND \"id\" < CAST(? AS bigint)");
    assertThat(key.rangePredicate(new KeyRange(null, KeyValue.of("9")))).isEqualTo("\"id\" < CAST(? AS bigint)");
    assertThat(key.rangePredicate(KeyRange.all())).isEqualTo("TRUE");
  }

  @Test
  void compositeKeysUseRowValueComparisons() {
    KeySql key = new KeySql(List.of(ID, NAME));
    assertThat(key.rangePredicate(new KeyRange(KeyValue.of("1", "a"), null)))
        .isEqualTo("(\"id\", \"Name\") >= (CAST(? AS bigint), CAST(? AS text))");
    assertThat(key.operand()).isEqualTo("ROW(\"id\", \"Name\")");
    assertThat(key.keyIn())
        .isEqualTo(
            "(\"id\", \"Name\") IN (SELECT CAST(x.c0 AS bigint), CAST(x.c1 AS text) FROM unnest(?::text[], ?::text[])"
                + " AS x(c0, c1))");
  }

  @Test
  void boundariesMakeOneMoreRangeThanTheyHave() {
    List<KeyValue> cuts = List.of(KeyValue.of("10"), KeyValue.of("20"));
    assertThat(RangePlanner.range(cuts, 0)).isEqualTo(new KeyRange(null, KeyValue.of("10")));
    assertThat(RangePlanner.range(cuts, 1)).isEqualTo(new KeyRange(KeyValue.of("10"), KeyValue.of("20")));
    assertThat(RangePlanner.range(cuts, 2)).isEqualTo(new KeyRange(KeyValue.of("20"), null));
  }

  @Test
  void blockSamplesOnlyWhenHeapOrderIsUnrelatedToKeyOrder() {
    assertThat(SampleMethod.forCorrelation(0.01)).isEqualTo(SampleMethod.SYSTEM);
    assertThat(SampleMethod.forCorrelation(-0.99)).isEqualTo(SampleMethod.BERNOULLI);
    assertThat(SampleMethod.forCorrelation(null)).isEqualTo(SampleMethod.BERNOULLI);
  }
}
