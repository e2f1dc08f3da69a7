package io.pgparity.live;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.ConfigurationEventListener;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The messages one class logs while open. Each Spring launch resets logback, which detaches and
 * stops every appender, then configures it again; the capture re-attaches itself whenever logback
 * is configured.
 */
final class CapturedLog implements AutoCloseable {

  private final Logger logger;
  private final LoggerContext context;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  // a reset also drops LoggerContextListeners, but not these: Spring configures after every reset
  private final ConfigurationEventListener reattach = event -> attach();

  private CapturedLog(Class<?> type) {
    this.logger = (Logger) LoggerFactory.getLogger(type);
    this.context = logger.getLoggerContext();
  }

  /** Starts capturing what {@code type}'s logger logs. */
  static CapturedLog of(Class<?> type) {
    CapturedLog log = new CapturedLog(type);
    log.context.addConfigurationEventListener(log.reattach);
    log.attach();
    return log;
  }

  /** The formatted messages so far, oldest first. */
  List<String> messages() {
    // ListAppender appends while holding its own monitor
    synchronized (appender) {
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private void attach() {
    appender.setContext(context);
    appender.start();
    if (!logger.isAttached(appender)) {
      logger.addAppender(appender);
    }
  }

  @Override
  public void close() {
    context.removeConfigurationEventListener(reattach);
    logger.detachAppender(appender);
    appender.stop();
  }
}
