package io.pgparity.guard;

/** Another run of the same job holds its lock: this run must not start (exit code 5). */
public final class AlreadyRunningException extends RuntimeException {

  public AlreadyRunningException(String message) {
    super(message);
  }
}
