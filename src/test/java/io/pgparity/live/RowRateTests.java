package io.pgparity.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The rows-per-second ceiling: enforced across threads, off at 0, bounded per call. */
class RowRateTests {

  @Test
  void zeroMeansUnlimited() {
    RowRate rate = new RowRate(0);
    long started = System.nanoTime();
    for (int i = 0; i < 1000; i++) {
      rate.acquire(Long.MAX_VALUE);
    }
    assertThat(rate.limited()).isFalse();
    assertThat(rate.throttled()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void holdsReadsToTheCeilingAcrossThreads() throws Exception {
    RowRate rate = new RowRate(1000);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    long started = System.nanoTime();
    try {
      // 3000 rows at 1000 rows/s: the first 250 pass at once, the other 2750 take 2.75 s
      CompletableFuture<?>[] work = new CompletableFuture<?>[4];
      for (int t = 0; t < 4; t++) {
        work[t] =
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < 3; i++) {
                    rate.acquire(250);
                  }
                },
                threads);
      }
      CompletableFuture.allOf(work).get();
    } finally {
      threads.shutdownNow();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(2600));
    assertThat(rate.throttled()).isGreaterThan(Duration.ofSeconds(2));
  }

  @Test
  void zeroRowsCostNothing() {
    RowRate rate = new RowRate(1);
    long started = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      rate.acquire(0);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(rate.throttled()).isZero();
  }

  @Test
  void aHugeEstimateIsChargedAtMostTheLargestCharge() {
    RowRate rate = new RowRate(1000, Duration.ofMillis(500));
    rate.acquire(Long.MAX_VALUE);
    long started = System.nanoTime();
    // the next caller pays for the previous request: 500 ms worth, not 292 million years
    rate.acquire(1);
    Duration waited = Duration.ofNanos(System.nanoTime() - started);
    assertThat(waited)
        .isGreaterThanOrEqualTo(Duration.ofMillis(400))
        .isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void rejectsNegativeAndInfiniteCeilingsAndRowCounts() {
    assertThatThrownBy(() -> new RowRate(-1))
        .hasMessageContaining("rows-per-second")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> new RowRate(Double.POSITIVE_INFINITY))
        .hasMessageContaining("Infinity");
    assertThatThrownBy(() -> new RowRate(10).acquire(-5)).hasMessageContaining("-5");
  }
}
