package io.pgparity.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The boundaries of a keyless table's row-hash key, cut by width rather than sampled. */
class UniformBoundariesTests {

  @Test
  void theWholeBigintSpanIsCutIntoEqualWidths() {
    List<KeyValue> cuts = RangePlanner.uniform(null, null, 4);
    assertThat(cuts)
        .containsExactly(
            KeyValue.of(String.valueOf(Long.MIN_VALUE / 2)),
            KeyValue.of("0"),
            KeyValue.of(String.valueOf(Long.MAX_VALUE / 2 + 1)));
  }

  @Test
  void cutsAreStrictlyIncreasingInsideTheSpanForRandomSpans() {
    long seed = System.nanoTime();
    System.out.println("UniformBoundariesTests seed " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 2_000; i++) {
      long a = random.nextLong();
      long b = random.nextInt(3) == 0 ? a + random.nextInt(50) : random.nextLong();
      long lo = Math.min(a, b);
      long hi = Math.max(a, b);
      boolean openLo = random.nextInt(4) == 0;
      boolean openHi = random.nextInt(4) == 0;
      int parts = 1 + random.nextInt(100);
      List<KeyValue> cuts =
          RangePlanner.uniform(
              openLo ? null : KeyValue.of(String.valueOf(lo)),
              openHi ? null : KeyValue.of(String.valueOf(hi)),
              parts);
      BigInteger from = BigInteger.valueOf(openLo ? Long.MIN_VALUE : lo);
      BigInteger to =
          openHi ? BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE) : BigInteger.valueOf(hi);
      BigInteger last = from;
      for (KeyValue cut : cuts) {
        BigInteger value = new BigInteger(cut.values().get(0));
        assertThat(value).as("seed %s", seed).isGreaterThan(last).isLessThan(to);
        last = value;
      }
      BigInteger width = to.subtract(from);
      if (width.compareTo(BigInteger.valueOf(parts)) >= 0) {
        assertThat(cuts).as("seed %s: %s parts of %s", seed, parts, width).hasSize(parts - 1);
      }
    }
  }
}
