package io.pgparity.live;

import static com.google.common.base.Preconditions.checkArgument;

/** A WAL position (PostgreSQL's pg_lsn), ordered; printed and parsed as {@code 16/B374D848}. */
public record Lsn(long value) implements Comparable<Lsn> {

  public Lsn {
    checkArgument(value >= 0, "an LSN is not negative but was %s", value);
  }

  /** Parses PostgreSQL's text form, two hex halves separated by a slash. */
  public static Lsn parse(String text) {
    checkArgument(
        text != null && text.matches("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}"),
        "an LSN looks like 16/B374D848 but was '%s'",
        text);
    int slash = text.indexOf('/');
    long high = Long.parseLong(text.substring(0, slash), 16);
    long low = Long.parseLong(text.substring(slash + 1), 16);
    return new Lsn((high << 32) | low);
  }

  /** Bytes of WAL from {@code earlier} to this position; 0 when {@code earlier} is not earlier. */
  public long bytesAfter(Lsn earlier) {
    return Math.max(0, value - earlier.value);
  }

  public boolean atLeast(Lsn other) {
    return value >= other.value;
  }

  @Override
  public int compareTo(Lsn other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toHexString(value >>> 32).toUpperCase()
        + "/"
        + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
  }
}
