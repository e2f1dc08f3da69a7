package io.pgparity.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import io.pgparity.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * How log lines go to stderr: text for people (the default), or one JSON object per line for a log
 * collector (Spring Boot's structured logging in the Logstash format, see {@link JsonEncoder}).
 * Chosen before logging starts, through a system property that logback.xml reads each time it is
 * loaded, since every Spring launch reloads it.
 */
public enum LogFormat {
  TEXT,
  JSON;

  /** The system property logback.xml selects its appender by. */
  public static final String PROPERTY = "pgparity.log.format";

  /** The environment variable that chooses the format when --log-format is not given. */
  public static final String ENV = "PGPARITY_LOG_FORMAT";

  static final String OPTION = "--log-format";

  /**
   * Takes {@code --log-format F} or {@code --log-format=F} from anywhere in {@code args} (else
   * {@value #ENV}), sets {@value #PROPERTY} and returns the remaining arguments.
   *
   * @throws ConfigException for a missing or unknown format
   */
  public static List<String> select(String[] args, Map<String, String> env) {
    List<String> rest = new ArrayList<>();
    String chosen = null;
    String source = ENV;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(OPTION)) {
        if (i + 1 >= args.length) {
          throw new ConfigException(OPTION + " needs a value, e.g. " + OPTION + " json");
        }
        chosen = args[++i];
        source = OPTION;
      } else if (args[i].startsWith(OPTION + "=")) {
        chosen = args[i].substring(OPTION.length() + 1);
        source = OPTION;
      } else {
        rest.add(args[i]);
      }
    }
    if (chosen == null) {
      chosen = env.getOrDefault(ENV, "");
    }
    LogFormat format = chosen.isBlank() ? TEXT : parse(chosen, source);
    System.setProperty(PROPERTY, format.name().toLowerCase(Locale.ROOT));
    return rest;
  }

  private static LogFormat parse(String value, String source) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          source + " must be text or json but was '" + value + "'; e.g. " + OPTION + " json");
    }
  }

  /**
   * Spring Boot's {@link StructuredLogEncoder}, usable before any Spring context exists. Spring
   * Boot's encoder reads its settings ({@code logging.structured.*}) from the Spring Environment
   * that Spring's logging system puts into the logger context, and fails to start without one; but
   * logback loads logback.xml at the first logger, before the command line starts Spring (usage
   * errors and --help never start it). So this encoder supplies a plain Environment (system
   * properties, environment variables) when Spring's is not there, and starts Spring Boot's encoder
   * at the first event rather than while logback is being configured: starting it logs
   * (SpringFactoriesLoader), and a log call while SLF4J is still initializing makes SLF4J print a
   * "calls intercepted and replayed" warning, a non-JSON line on stderr. When a Spring launch
   * reloads the configuration, Spring has put its own Environment into the context first, and the
   * new encoder uses that.
   */
  public static final class JsonEncoder extends EncoderBase<ILoggingEvent> {

    private String format;
    private volatile StructuredLogEncoder structured;

    /** The structured format, e.g. {@code logstash} or {@code ecs} (Spring Boot's names). */
    public void setFormat(String format) {
      this.format = format;
    }

    @Override
    public void start() {
      if (format == null || format.isBlank()) {
        addError("no <format> for " + JsonEncoder.class.getName());
        return;
      }
      super.start();
    }

    @Override
    public byte[] headerBytes() {
      return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
      return structured().encode(event);
    }

    @Override
    public byte[] footerBytes() {
      return null;
    }

    @Override
    public void stop() {
      StructuredLogEncoder started = structured;
      if (started != null) {
        started.stop();
      }
      super.stop();
    }

    private StructuredLogEncoder structured() {
      StructuredLogEncoder started = structured;
      if (started != null) {
        return started;
      }
      synchronized (this) {
        if (structured == null) {
          if (getContext().getObject(Environment.class.getName()) == null) {
            getContext().putObject(Environment.class.getName(), new StandardEnvironment());
          }
          StructuredLogEncoder encoder = new StructuredLogEncoder();
          encoder.setContext(getContext());
          encoder.setFormat(format);
          encoder.start();
          structured = encoder;
        }
        return structured;
      }
    }
  }
}
