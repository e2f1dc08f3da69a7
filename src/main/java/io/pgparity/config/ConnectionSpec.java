package io.pgparity.config;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Where one side lives: a pgjdbc URL and, optionally, a password resolved from the job file's
 * environment reference or ~/.pgpass. The password never appears in {@link #toString()}.
 */
public record ConnectionSpec(String url, String password) {

  public ConnectionSpec {
    checkArgument(
        url != null && url.startsWith("jdbc:postgresql:"),
        "connection url must start with jdbc:postgresql: but was '%s'",
        url);
  }

  /** The same connection with another password (null: none). */
  public ConnectionSpec withPassword(String newPassword) {
    return new ConnectionSpec(url, newPassword);
  }

  @Override
  public String toString() {
    return "ConnectionSpec[url=" + url + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
