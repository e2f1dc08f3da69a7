package io.pgparity.config;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One share of a check split over {@code count} runs: the rows whose key hashes to {@code index}.
 * The index is 0-based, as Kubernetes' {@code JOB_COMPLETION_INDEX} of an Indexed Job, so a pod
 * passes {@code --shard $(JOB_COMPLETION_INDEX)/n} unchanged.
 */
public record Shard(int index, int count) {

  /**
   * More shards than this would only add per-run overhead; the hash spreads rows over any count.
   */
  public static final int MAX_COUNT = 1024;

  /** What a shard looks like on the command line, for messages. */
  public static final String FORM =
      "i/n with 0 <= i < n <= "
          + MAX_COUNT
          + " (i is 0-based, like JOB_COMPLETION_INDEX), e.g. 0/3";

  private static final Pattern TEXT = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

  public Shard {
    checkArgument(
        count >= 1 && count <= MAX_COUNT && index >= 0 && index < count,
        "shard %s/%s must be %s",
        index,
        count,
        FORM);
  }

  /** The shard written as {@code i/n}, or empty when the text is not a valid one. */
  public static Optional<Shard> parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    int index = Integer.parseInt(m.group(1));
    int count = Integer.parseInt(m.group(2));
    if (count < 1 || count > MAX_COUNT || index >= count) {
      return Optional.empty();
    }
    return Optional.of(new Shard(index, count));
  }

  /** E.g. {@code 1/3}. */
  public String label() {
    return index + "/" + count;
  }

  /** E.g. {@code shard-1-of-3}: names the per-shard lock file and job repository. */
  public String fileSuffix() {
    return "shard-" + index + "-of-" + count;
  }
}
