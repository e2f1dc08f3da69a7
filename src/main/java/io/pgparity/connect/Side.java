package io.pgparity.connect;

import java.util.Locale;

/** Which of the two compared servers. */
public enum Side {
  PRIMARY,
  REPLICA;

  /** Lower-case name for messages and JSON: {@code primary} or {@code replica}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
