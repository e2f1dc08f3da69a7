package io.pgparity.connect;

import static com.google.common.base.Preconditions.checkNotNull;

/** What a report says about one compared server: where it is and which cluster it is. */
public record ServerInfo(
    String host, String database, String serverVersion, String systemIdentifier) {

  public ServerInfo {
    checkNotNull(host, "host");
    checkNotNull(database, "database");
    checkNotNull(serverVersion, "serverVersion");
    checkNotNull(systemIdentifier, "systemIdentifier");
  }
}
