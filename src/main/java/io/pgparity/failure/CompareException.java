package io.pgparity.failure;

/**
 * A runtime failure while comparing (exit code 3): connection, permission or SQL. The message puts
 * the object first and ends with the remedy, e.g. {@code public.users: permission denied on the
 * replica; grant SELECT to checker}.
 */
public class CompareException extends RuntimeException {

  public CompareException(String message) {
    super(message);
  }

  public CompareException(String message, Throwable cause) {
    super(message, cause);
  }
}
