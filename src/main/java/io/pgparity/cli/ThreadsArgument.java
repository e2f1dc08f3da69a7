package io.pgparity.cli;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.config.Tuning;
import java.util.Optional;

/**
 * The value of --threads: a number of threads, or {@code auto} (the servers' offer decides, see
 * {@link AutoThreads}); {@code count} is 0 for auto.
 */
record ThreadsArgument(boolean auto, int count) {

  static final ThreadsArgument AUTO = new ThreadsArgument(true, 0);

  ThreadsArgument {
    checkArgument(
        auto ? count == 0 : count >= 1 && count <= Tuning.MAX_THREADS,
        "threads must be auto or 1 to %s but was %s",
        Tuning.MAX_THREADS,
        count);
  }

  static ThreadsArgument of(int count) {
    return new ThreadsArgument(false, count);
  }

  /** --threads auto or 1..64 (underscores may group digits); empty for anything else. */
  static Optional<ThreadsArgument> parse(String text) {
    if (text.equals(Tuning.AUTO)) {
      return Optional.of(AUTO);
    }
    if (!text.matches("\\d[\\d_]{0,9}")) {
      return Optional.empty();
    }
    long number = Long.parseLong(text.replace("_", ""));
    return number >= 1 && number <= Tuning.MAX_THREADS
        ? Optional.of(of((int) number))
        : Optional.empty();
  }

  @Override
  public String toString() {
    return auto ? Tuning.AUTO : String.valueOf(count);
  }
}
