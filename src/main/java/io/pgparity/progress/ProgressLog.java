package io.pgparity.progress;

import io.pgparity.terminal.LiveLine;
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
 * Logs one progress line per table being hashed at a steady interval (default 30 s, or {@code
 * PGPARITY_PROGRESS_SECONDS}), so a long run shows it is alive and when it will end; on a terminal
 * it also redraws the {@link LiveLine} about once a second.
 */
public final class ProgressLog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProgressLog.class);

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  /** How often the live terminal line is redrawn. */
  static final Duration LIVE_INTERVAL = Duration.ofSeconds(1);

  private final ScheduledExecutorService timer;
  private final List<TableProgress> tables;
  private final LiveLine live;

  private ProgressLog(ScheduledExecutorService timer, List<TableProgress> tables, LiveLine live) {
    this.timer = timer;
    this.tables = tables;
    this.live = live;
  }

  /**
   * Starts logging the given tables' progress every {@code interval}, and the live line on a
   * terminal.
   */
  public static ProgressLog start(List<TableProgress> tables, Duration interval) {
    return start(tables, interval, LiveLine.current());
  }

  /** Like {@link #start(List, Duration)} with this live line (null: none). */
  static ProgressLog start(List<TableProgress> tables, Duration interval, LiveLine live) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "progress");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    // the caller's MDC (the run id) goes on the timer thread's lines too
    Map<String, String> context = MDC.getCopyOfContextMap();
    timer.scheduleAtFixedRate(
        () -> {
          if (context != null) {
            MDC.setContextMap(context);
          }
          report(tables);
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
    if (live != null) {
      long redraw = LIVE_INTERVAL.toMillis();
      timer.scheduleAtFixedRate(
          () -> live.show(ProgressLine.render(tables, System.nanoTime(), live.columns())),
          redraw,
          redraw,
          TimeUnit.MILLISECONDS);
    }
    return new ProgressLog(timer, tables, live);
  }

  /** The hash step ended: no table is being hashed any more, whatever the catalog estimated. */
  public void hashingEnded() {
    tables.forEach(TableProgress::finish);
    if (live != null) {
      live.clear();
    }
  }

  /**
   * The interval from {@code PGPARITY_PROGRESS_SECONDS} (whole seconds, at least 1), else the
   * default.
   */
  public static Duration interval(String setting) {
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
    if (live != null) {
      try {
        // a redraw under way must not put the line back after it is cleared
        timer.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      live.clear();
    }
  }
}
