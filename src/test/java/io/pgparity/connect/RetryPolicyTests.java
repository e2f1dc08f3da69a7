package io.pgparity.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Backoff doubles from the base up to the cap, and a random half of each step is waited. */
class RetryPolicyTests {

  private final RetryPolicy policy = RetryPolicy.of(10);

  @Test
  void backoffDoublesUpToTheCap() {
    long[] longest = new long[10];
    long[] shortest = new long[10];
    for (int retry = 1; retry <= 10; retry++) {
      shortest[retry - 1] = policy.backoff(retry, 0).toMillis();
      longest[retry - 1] = policy.backoff(retry, 0.999_999).toMillis();
    }
    // steps of 200, 400, 800, 1600, 3200 ms, then the 5 s cap
    assertThat(shortest).containsExactly(100, 200, 400, 800, 1600, 2500, 2500, 2500, 2500, 2500);
    assertThat(longest).containsExactly(199, 399, 799, 1599, 3199, 4999, 4999, 4999, 4999, 4999);
  }

  @Test
  void theRandomBackoffStaysWithinTheStep() {
    for (int round = 0; round < 200; round++) {
      assertThat(policy.backoff(3)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
      assertThat(policy.backoff(20)).isBetween(Duration.ofMillis(2500), Duration.ofMillis(5000));
    }
  }

  @Test
  void attemptsAreTheFirstOnePlusTheRetries() {
    assertThat(RetryPolicy.of(0).attempts()).isEqualTo(1);
    assertThat(RetryPolicy.of(3).attempts()).isEqualTo(4);
  }

  @Test
  void outOfRangeSettingsAreRejectedWithTheAllowedRange() {
    assertThatThrownBy(() -> RetryPolicy.of(-1))
        .hasMessage("retries must be between 0 and 20 but was -1");
    assertThatThrownBy(() -> RetryPolicy.of(21))
        .hasMessage("retries must be between 0 and 20 but was 21");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("at least 1 ms");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("must not be below the base");
    assertThatThrownBy(() -> policy.backoff(0, 0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> policy.backoff(1, 1.0)).hasMessageContaining("[0, 1)");
  }
}
