package io.pgparity.sequence;

/**
 * Where a sequence stands: its {@code last_value} and {@code is_called} as its buffer holds them.
 * Called, {@code value} was handed out and nextval returns the value after it; not called (fresh,
 * or after ALTER SEQUENCE RESTART or setval(..., false)), nextval returns {@code value} itself.
 */
record SequencePosition(long value, boolean called) {

  /** A column value already taken: a sequence is past it only once it handed it out. */
  static SequencePosition taken(long value) {
    return new SequencePosition(value, true);
  }

  /**
   * Orders two positions in the direction of a sequence with increment {@code increment}: negative
   * when this one is behind {@code other} (nextval here hands out a value the other has already
   * handed out or skipped), 0 when they hand out the same values next, positive when ahead.
   */
  int compareTo(SequencePosition other, long increment) {
    int byValue = Long.compare(value, other.value);
    if (byValue != 0) {
      return increment > 0 ? byValue : -byValue;
    }
    return Boolean.compare(called, other.called);
  }

  /** The last value handed out, as pg_sequences.last_value reports it: null when not called. */
  Long lastHandedOut() {
    return called ? value : null;
  }

  /** What nextval returns next, in words (it may be past the sequence's limit). */
  String next(long increment) {
    if (!called) {
      return Long.toString(value);
    }
    try {
      return Long.toString(Math.addExact(value, increment));
    } catch (ArithmeticException e) {
      return "a value past " + value;
    }
  }
}
