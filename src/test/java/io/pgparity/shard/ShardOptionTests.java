package io.pgparity.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.cli.VerifyOptions;
import io.pgparity.config.ConfigException;
import io.pgparity.config.Shard;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * verify --shard i/n: 0-based like JOB_COMPLETION_INDEX, at most 1024 shards, one clear line
 * otherwise.
 */
class ShardOptionTests {

  private static VerifyOptions parse(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("--job", "jobs/auth.yaml"));
    args.addAll(List.of(extra));
    return VerifyOptions.parse(args);
  }

  @Test
  void aShardIsZeroBasedIndexSlashCount() {
    assertThat(parse("--shard", "0/3").shard()).isEqualTo(new Shard(0, 3));
    assertThat(parse("--shard=2/3").shard()).isEqualTo(new Shard(2, 3));
    assertThat(parse("--shard", "1023/1024").shard()).isEqualTo(new Shard(1023, 1024));
    assertThat(parse("--shard", "0/1").shard()).isEqualTo(new Shard(0, 1));
  }

  @Test
  void withoutTheOptionARunIsNotSharded() {
    assertThat(parse().shard()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "3/3",
        "1/0",
        "0/1025",
        "-1/3",
        "1",
        "1/3/5",
        "a/b",
        "1 / 3",
        "99999999999/3",
        "1/"
      })
  void anythingElseIsOneLineNamingTheValueTheRangeAndTheKubernetesForm(String value) {
    assertThatThrownBy(() -> parse("--shard", value))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("\n")
        .hasMessageContaining("--shard must be i/n with 0 <= i < n <= 1024")
        .hasMessageContaining("but was '" + value + "'")
        .hasMessageContaining("$(JOB_COMPLETION_INDEX)/n");
  }

  @Test
  void aShardKnowsItsLabelAndFileSuffix() {
    Shard shard = Shard.parse("1/3").orElseThrow();
    assertThat(shard.label()).isEqualTo("1/3");
    assertThat(shard.fileSuffix()).isEqualTo("shard-1-of-3");
    assertThat(Shard.parse(" 1/3 ")).contains(shard);
  }

  @Test
  void theRecordRefusesAnIndexOutsideTheCount() {
    assertThatThrownBy(() -> new Shard(3, 3))
        .hasMessageContaining("shard 3/3 must be i/n with 0 <= i < n <= 1024");
    assertThatThrownBy(() -> new Shard(0, 1025)).isInstanceOf(IllegalArgumentException.class);
  }
}
