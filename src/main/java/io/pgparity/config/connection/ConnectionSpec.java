package io.pgparity.config.connection;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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

  /**
   * The same connection with a {@code password=} of its URL moved out of it into {@link
   * #password()}: drivers and pools print their URL in debug logs, never the password property.
   */
  public ConnectionSpec withPasswordOutOfUrl() {
    int question = url.indexOf('?');
    if (question < 0 || !PasswordResolver.hasPasswordParameter(url)) {
      return this;
    }
    String fromUrl =
        JdbcUrlParts.parse(url).parameters().entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase("password"))
            .map(Map.Entry::getValue)
            .reduce((first, last) -> last) // pgjdbc, too, takes the last of repeated parameters
            .orElseThrow();
    String query =
        Arrays.stream(url.substring(question + 1).split("&"))
            .filter(pair -> !pair.toLowerCase(Locale.ROOT).startsWith("password="))
            .collect(Collectors.joining("&"));
    return new ConnectionSpec(
        url.substring(0, question) + (query.isEmpty() ? "" : "?" + query), fromUrl);
  }

  @Override
  public String toString() {
    return "ConnectionSpec[url=" + url + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
