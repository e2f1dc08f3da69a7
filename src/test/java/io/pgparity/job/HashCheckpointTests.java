package io.pgparity.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.connect.Both;
import io.pgparity.hashing.BucketSum;
import io.pgparity.live.Lsn;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class HashCheckpointTests {

  @Test
  void sumsSurviveTheExecutionContextExactly() {
    Map<Integer, BucketSum> primary =
        Map.of(
            0, new BucketSum(3, new BigInteger("-123456789012345678901234567")),
            17, new BucketSum(1_000_000, new BigInteger("987654321098765432109876543210")));
    Map<Integer, BucketSum> replica = Map.of(17, new BucketSum(999_999, BigInteger.ONE));
    ExecutionContext context = new ExecutionContext();
    HashCheckpoint.hashed(new Both<>(primary, replica), new Lsn(0x16B374D848L)).writeTo(context);

    HashCheckpoint read = HashCheckpoint.readFrom(context).orElseThrow();

    assertThat(read.sums().primary()).isEqualTo(primary);
    assertThat(read.sums().replica()).isEqualTo(replica);
    assertThat(read.hashedAt()).isEqualTo(new Lsn(0x16B374D848L));
    assertThat(read.unjudged()).isNull();
  }

  @Test
  void aSliceWithoutRowsIsAnEmptyMap() {
    assertThat(HashCheckpoint.encode(Map.of())).isEmpty();
    assertThat(HashCheckpoint.decode("")).isEmpty();
  }

  @Test
  void anUnjudgedPartitionKeepsItsReason() {
    ExecutionContext context = new ExecutionContext();
    HashCheckpoint.unjudged("replica stalled").writeTo(context);

    HashCheckpoint read = HashCheckpoint.readFrom(context).orElseThrow();

    assertThat(read.unjudged()).isEqualTo("replica stalled");
    assertThat(read.sums()).isNull();
  }

  @Test
  void aContextWithoutACheckpointHasNone() {
    ExecutionContext context = new ExecutionContext();
    context.putInt(ContextKeys.TABLE, 0);
    assertThat(HashCheckpoint.readFrom(context)).isEmpty();
  }

  @Test
  void aDamagedEntryIsRefusedWithItsText() {
    assertThatThrownBy(() -> HashCheckpoint.decode("1:2"))
        .hasMessage("hash checkpoint entry '1:2' must be range:rows:sum");
  }
}
