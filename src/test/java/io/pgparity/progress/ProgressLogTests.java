package io.pgparity.progress;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProgressLogTests {

  private final Logger logger = (Logger) LoggerFactory.getLogger(ProgressLog.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void listen() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(logged);
  }

  @Test
  void logsTablesBeingHashedAtTheIntervalAndNotThoseNotStartedOrDone() throws Exception {
    TableProgress running = new TableProgress("public.users", 1_000);
    running.hashed(100, System.nanoTime());
    TableProgress waiting = new TableProgress("public.sessions", 1_000);
    TableProgress done = new TableProgress("public.tokens", 10);
    done.hashed(10, System.nanoTime());

    try (ProgressLog progress =
        ProgressLog.start(List.of(running, waiting, done), Duration.ofMillis(50))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (messages().size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }

    assertThat(messages())
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(
            m ->
                assertThat(m)
                    .startsWith("Progress public.users: 100 of about 1000 rows hashed (10%)"));
  }

  private List<String> messages() {
    // ListAppender appends under the appender's own lock (AppenderBase.doAppend)
    synchronized (logged) {
      return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }
}
