package io.pgparity.connect;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.LiveTuning;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a transiently failed unit of work is tried again ({@code retries}, so at most {@code
 * retries + 1} attempts) and how long to wait before each retry: {@code base} doubled per retry,
 * capped at {@code cap}, of which a random half is waited so that workers hit by the same standby
 * conflict or restart do not all come back at the same instant.
 */
public record RetryPolicy(int retries, Duration base, Duration cap) {

  public static final Duration DEFAULT_BASE = Duration.ofMillis(200);
  public static final Duration DEFAULT_CAP = Duration.ofSeconds(5);

  public RetryPolicy {
    checkArgument(
        retries >= 0 && retries <= LiveTuning.MAX_RETRIES,
        "retries must be between 0 and %s but was %s",
        LiveTuning.MAX_RETRIES,
        retries);
    checkNotNull(base, "base");
    checkNotNull(cap, "cap");
    checkArgument(
        base.toMillis() >= 1, "retry backoff base must be at least 1 ms but was %s", base);
    checkArgument(
        cap.compareTo(base) >= 0, "retry backoff cap %s must not be below the base %s", cap, base);
  }

  /** {@code retries} retries with the default backoff: 200 ms doubling, capped at 5 s. */
  public static RetryPolicy of(int retries) {
    return new RetryPolicy(retries, DEFAULT_BASE, DEFAULT_CAP);
  }

  /** The total number of attempts: the first one and the retries. */
  public int attempts() {
    return retries + 1;
  }

  /** The wait before retry {@code retry} (1-based) with a random jitter. */
  public Duration backoff(int retry) {
    return backoff(retry, ThreadLocalRandom.current().nextDouble());
  }

  /**
   * The wait before retry {@code retry} (1-based): half of the capped exponential step, plus {@code
   * jitter} (in [0, 1)) times the other half.
   */
  public Duration backoff(int retry, double jitter) {
    checkArgument(retry >= 1, "retry must be at least 1 but was %s", retry);
    checkArgument(jitter >= 0 && jitter < 1, "jitter must be in [0, 1) but was %s", jitter);
    long limit = cap.toMillis();
    long step = base.toMillis();
    for (int i = 1; i < retry && step < limit; i++) {
      step = step > limit / 2 ? limit : step * 2;
    }
    long half = step / 2;
    return Duration.ofMillis(step - half + (long) (jitter * half));
  }
}
