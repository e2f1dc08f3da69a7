package io.pgparity.verdict;

/** The verdict of a table or a whole run; the order is severity for the run's roll-up. */
public enum Status {
  CONSISTENT,
  DIVERGENT,
  INCOMPLETE,
  FAILED;

  /** The more severe of two statuses. */
  public Status worst(Status other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
