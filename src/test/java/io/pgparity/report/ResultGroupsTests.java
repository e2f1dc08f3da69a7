package io.pgparity.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.Shard;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The groups a table's and a run's result are made of check what they hold. */
class ResultGroupsTests {

  @Test
  void countsMustNotBeNegative() {
    assertThatThrownBy(() -> new TableResult.Rows(-1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row counts must not be negative");
    assertThatThrownBy(() -> new TableResult.Rows(0, 0, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ranges must not be negative");
    assertThatThrownBy(() -> new TableResult.Differences(0, -2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("counts must not be negative");
    assertThatThrownBy(() -> new TableResult.Rechecks(0, -3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recheck counts must not be negative");
  }

  @Test
  void shardsOfOneTableAddUpKindByKind() {
    TableResult.Differences differences =
        new TableResult.Differences(1, 2, 3).plus(new TableResult.Differences(10, 20, 30));

    assertThat(differences).isEqualTo(new TableResult.Differences(11, 22, 33));
    assertThat(differences.total()).isEqualTo(66);
    assertThat(new TableResult.Rows(5, 4, 2).plus(new TableResult.Rows(7, 7, 3)))
        .isEqualTo(new TableResult.Rows(12, 11, 5));
    assertThat(new TableResult.Rechecks(1, 0).plus(new TableResult.Rechecks(2, 5)))
        .isEqualTo(new TableResult.Rechecks(3, 5));
  }

  @Test
  void aRunIsEitherOneShardOrMergedFromShards() {
    assertThatThrownBy(
            () -> new RunResult.Sharding(new Shard(0, 2), List.of("20261125T120000Z-aaaa")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("either one shard or merged");
    assertThat(RunResult.Sharding.of(null)).isEqualTo(RunResult.Sharding.NONE);
    assertThat(RunResult.Sharding.merged(List.of("a", "b")).shards()).containsExactly("a", "b");
    assertThat(RunResult.Sharding.of(new Shard(1, 3)).shards()).isEmpty();
  }
}
