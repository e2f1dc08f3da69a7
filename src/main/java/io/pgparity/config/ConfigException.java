package io.pgparity.config;

/**
 * A usage or configuration mistake (exit code 2). The message is one line that names the value,
 * what is allowed, and the fix; with a job file it starts with {@code file:line:}.
 */
public class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
