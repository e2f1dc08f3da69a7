package io.pgparity.cli;

import io.pgparity.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How log lines go to stderr: text for people (the default), or one JSON object per line for a log
 * collector. Chosen before logging starts, through a system property that logback.xml reads each
 * time it is loaded, since every Spring launch reloads it.
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
}
