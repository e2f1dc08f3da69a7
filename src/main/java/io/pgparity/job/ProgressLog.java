package io.pgparity.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs one progress line per table being hashed at a steady interval (default 30 s, or
 * {@code PGPARITY_PROGRESS_SECONDS}), so a long run shows it is alive and when it will end.
 */
final class ProgressLog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProgressLog.class);

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  private final ScheduledExecutorService timer;

  private ProgressLog(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Starts logging the given tables' progress every {@code interval}. */
  static ProgressLog start(List<TableProgress> tables, Duration interval) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "progress");
      thread.setDaemon(true);
      return thread;
    });
    long millis = interval.toMillis();
    // the caller's MDC (the run id) goes on the timer thread's lines too
    Map<String, String> context = MDC.getCopyOfContextMap();
    timer.scheduleAtFixedRate(() -> {
      if (context != null) {
        MDC.setContextMap(context);
      }
      report(tables);
    }, millis, millis, TimeUnit.MILLISECONDS);
    return new ProgressLog(timer);
  }

  /** The interval from {@code PGPARITY_PROGRESS_SECONDS} (whole seconds, at least 1), else the default. */
  static Duration interval(String setting) {
    if (setting == null || !setting.matches("[1-9][0-9]{0,5}")) {
      return DEFAULT_INTERVAL;
    }
    return Duration.ofSeconds(Long.parseLong(setting));
  }

  private static void report(List<TableProgress> tables) {
    long now = System.nanoTime();
    for (TableProgress table : tables) {
      if (table.started() && !table.done()) {
        log.info("Progress {}", table.line(now));
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
