package io.pgparity.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.Tuning;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerParallelismTests {

  @ParameterizedTest(name = "{7}")
  @CsvSource({
    // perGather, maxWorkers, running, maxConnections, reserved, sessions, hidden, expected
    "2, 8, 0, 100, 3, 5, 0, 3, PostgreSQL's defaults on an idle server: 1 + per gather",
    "4, 8, 5, 100, 3, 5, 0, 4, five of eight workers running: 1 + the three free",
    "4, 8, 8, 100, 3, 5, 0, 1, every worker running: one session",
    "4, 2, 4, 100, 3, 5, 0, 1, more running than max_parallel_workers (lowered since): one",
    "0, 8, 0, 100, 3, 5, 0, 1, parallel query off: one",
    "6, 8, 0, 100, 3, 89, 0, 3, seven connections free, one to spare, two per thread and one more: three",
    "6, 8, 0, 100, 3, 97, 0, 1, no connection free: still one (the run needs one)",
    "6, 8, 0, 40, 2, 5, 4, 5, sessions hidden from the role count as running workers",
    "6, 40, 0, 24, 2, 5, 10, 2, sessions hidden from the role count as connections too",
    "1000, 1024, 0, 10000, 3, 5, 0, 64, never more than 64",
  })
  void offersTheLeastOfItsLimits(
      int perGather,
      int maxWorkers,
      int running,
      int maxConnections,
      int reserved,
      int sessions,
      int hidden,
      int expected,
      String why) {
    ServerParallelism server =
        new ServerParallelism(
            perGather, maxWorkers, running, maxConnections, reserved, sessions, hidden);

    assertThat(server.threads()).as(why).isEqualTo(expected);
  }

  /**
   * Whatever the numbers: at least 1, at most 64 and 1 + per gather, and more busy (running,
   * connected or hidden) sessions never offer more.
   */
  @Test
  void moreBusyNeverOffersMore() {
    long seed = System.nanoTime();
    System.out.println("ServerParallelismTests seed " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 10_000; i++) {
      ServerParallelism server =
          new ServerParallelism(
              random.nextInt(20),
              random.nextInt(40),
              random.nextInt(40),
              1 + random.nextInt(200),
              random.nextInt(10),
              random.nextInt(200),
              random.nextInt(20));
      int offer = server.threads();
      assertThat(offer).as("seed %d: %s", seed, server).isBetween(1, Tuning.MAX_THREADS);
      assertThat(offer)
          .as("seed %d: %s", seed, server)
          .isLessThanOrEqualTo(Math.max(1, 1 + server.workersPerGather()));
      ServerParallelism busier =
          new ServerParallelism(
              server.workersPerGather(),
              server.maxParallelWorkers(),
              server.runningParallelWorkers() + random.nextInt(3),
              server.maxConnections(),
              server.reservedConnections(),
              server.connectedSessions() + random.nextInt(3),
              server.hiddenSessions() + random.nextInt(3));
      assertThat(busier.threads()).as("seed %d: %s", seed, busier).isLessThanOrEqualTo(offer);
    }
  }

  @Test
  void saysWhyInNumbers() {
    ServerParallelism server = new ServerParallelism(2, 8, 1, 100, 3, 5, 0);
    assertThat(server.reason())
        .isEqualTo(
            "max_parallel_workers_per_gather 2, max_parallel_workers 8 with 1 running, 92 free"
                + " connections");
    assertThat(new ServerParallelism(2, 8, 1, 100, 3, 5, 4).reason())
        .endsWith(", 4 sessions this role cannot see counted as busy (grant pg_read_all_stats)");
  }

  @Test
  void refusesNegativeCounts() {
    assertThatThrownBy(() -> new ServerParallelism(2, 8, -1, 100, 3, 5, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
