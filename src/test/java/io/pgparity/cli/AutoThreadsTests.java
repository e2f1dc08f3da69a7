package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.connect.ServerParallelism;
import io.pgparity.connect.Side;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AutoThreadsTests {

  @Test
  void choosesTheLesserOfferAtMostTheCap() {
    assertThat(AutoThreads.choose(3, 5, 8)).isEqualTo(3);
    assertThat(AutoThreads.choose(5, 3, 8)).isEqualTo(3);
    assertThat(AutoThreads.choose(5, 6, 4)).isEqualTo(4);
    assertThat(AutoThreads.choose(1, 9, 8)).isEqualTo(1);
  }

  @Test
  void neverExceedsEitherOfferNorTheCap() {
    long seed = System.nanoTime();
    System.out.println("AutoThreadsTests seed " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 10_000; i++) {
      int primary = 1 + random.nextInt(64);
      int replica = 1 + random.nextInt(64);
      int max = 1 + random.nextInt(64);
      int chosen = AutoThreads.choose(primary, replica, max);
      String what = "seed " + seed + ": " + primary + ", " + replica + ", max " + max;
      assertThat(chosen).as(what).isBetween(1, Math.min(Math.min(primary, replica), max));
      assertThat(chosen).as(what).isIn(primary, replica, max);
    }
  }

  @Test
  void logsOneLineWithBothOffersAndTheCap() {
    String line =
        AutoThreads.line(
            1,
            new ServerParallelism.Offer(Side.PRIMARY, 3, "max_parallel_workers_per_gather 2"),
            new ServerParallelism.Offer(Side.REPLICA, 1, "could not be read: denied"),
            8);
    assertThat(line)
        .isEqualTo(
            "Threads: auto chose 1 (primary offers 3: max_parallel_workers_per_gather 2; replica"
                + " offers 1: could not be read: denied; at most --max-threads 8)");
  }
}
