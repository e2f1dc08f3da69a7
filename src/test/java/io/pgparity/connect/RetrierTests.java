package io.pgparity.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pgparity.failure.CompareException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Transient failures run the work again; timeouts and permanent failures end it at once. */
class RetrierTests {

  private final Logger logger = (Logger) LoggerFactory.getLogger(Retrier.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final AtomicInteger calls = new AtomicInteger();

  @BeforeEach
  void listen() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(logged);
  }

  private static Retrier retrier(int retries) {
    return new Retrier(new RetryPolicy(retries, Duration.ofMillis(1), Duration.ofMillis(4)));
  }

  /** Fails with {@code state} on the first {@code failures} calls, then answers. */
  private Retrier.Attempt<String> failing(int failures, String state) {
    return () -> {
      if (calls.incrementAndGet() <= failures) {
        throw new SQLException("value 'secret-42' made it fail", state);
      }
      return "done";
    };
  }

  @Test
  void transientFailuresAreRetriedWithOneWarningEach() {
    Retrier retrier = retrier(3);
    assertThat(retrier.run("public.t heap slice 1/2", Side.REPLICA, failing(2, "40001")))
        .isEqualTo("done");
    assertThat(calls).hasValue(3);
    assertThat(retrier.retried()).isEqualTo(2);
    assertThat(logged.list).hasSize(2).allMatch(e -> e.getLevel() == Level.WARN);
    assertThat(logged.list.get(0).getFormattedMessage())
        .matches(
            "public.t heap slice 1/2: attempt 1 of 4 failed on the replica \\[SQLSTATE 40001\\];"
                + " retrying in \\d+ ms");
    assertThat(logged.list.get(1).getFormattedMessage()).contains("attempt 2 of 4");
    assertThat(logged.list).noneMatch(e -> e.getFormattedMessage().contains("secret-42"));
  }

  @Test
  void theLastTransientFailureNamesWhatWhereHowOftenAndTheRemedy() {
    assertThatThrownBy(() -> retrier(2).run("public.t rows", Side.REPLICA, failing(5, "40001")))
        .isInstanceOfSatisfying(
            RetriesExhaustedException.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(3);
              assertThat(e.side()).isEqualTo(Side.REPLICA);
            })
        .hasMessage(
            "public.t rows: query failed on the replica after 3 attempts (retries: 2):"
                + " value 'secret-42' made it fail [40001]; the standby cancels queries that conflict with WAL"
                + " replay: raise max_standby_streaming_delay or enable hot_standby_feedback on the replica,"
                + " or raise retries (at most 20)");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aFailureTaggedWithItsSideBlamesThatSide() {
    Retrier.Attempt<String> replicaBreaks =
        () -> {
          calls.incrementAndGet();
          throw new SideFailure(Side.REPLICA, new SQLException("I/O error", "08006"));
        };
    assertThatThrownBy(
            () -> retrier(0).run("public.t: diff of 3 ranges", Side.PRIMARY, replicaBreaks))
        .isInstanceOf(RetriesExhaustedException.class)
        .hasMessageStartingWith(
            "public.t: diff of 3 ranges: query failed on the replica after 1 attempt (retries: 0)")
        .hasMessageEndingWith(
            "check that the replica is up (see its log) and the network between,"
                + " or raise retries (at most 20)");
    assertThat(calls).hasValue(1);
  }

  @Test
  void timeoutsAndPermanentFailuresAreNotRetried() {
    assertThatThrownBy(() -> retrier(3).run("public.t", Side.PRIMARY, failing(1, "57014")))
        .isExactlyInstanceOf(CompareException.class)
        .hasMessageContaining("[57014]; the statement-timeout was reached")
        .satisfies(e -> assertThat(FailureKind.of(e)).isEqualTo(FailureKind.TIMEOUT));
    assertThat(calls).hasValue(1);
    assertThatThrownBy(() -> retrier(3).run("public.t", Side.PRIMARY, failing(2, "42501")))
        .isExactlyInstanceOf(CompareException.class)
        .hasMessageContaining("[42501]; grant SELECT");
    assertThat(calls).hasValue(2);
    assertThat(logged.list).isEmpty();
  }

  @Test
  void runtimeExceptionsOfNestedWorkPassThroughUntouched() {
    RetriesExhaustedException nested =
        new RetriesExhaustedException("nested", Side.REPLICA, 4, new SQLException("gone", "08006"));
    Retrier retrier = retrier(3);
    assertThatThrownBy(
            () ->
                retrier.run(
                    "outer",
                    Side.PRIMARY,
                    () -> {
                      calls.incrementAndGet();
                      throw nested;
                    }))
        .isSameAs(nested);
    assertThat(calls).hasValue(1);
    assertThat(retrier.retried()).isZero();
  }
}
