package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's arithmetic. Ratios are taken per round and then the median, so one slow round (a
 * checkpoint, a GC) distorts neither side of the ratio on its own.
 */
final class Medians {

  private Medians() {}

  /** The median; the mean of the two middle values for an even count. */
  static double median(List<Double> values) {
    checkArgument(!values.isEmpty(), "the median of no values is undefined");
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /** The median of {@code numerators[i] / denominators[i]} over the rounds i. */
  static double medianRatio(List<Double> numerators, List<Double> denominators) {
    checkArgument(
        numerators.size() == denominators.size(),
        "ratios need as many numerators as denominators but got %s and %s",
        numerators.size(),
        denominators.size());
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < numerators.size(); i++) {
      checkArgument(
          denominators.get(i) > 0,
          "round %s has a time of %s s to divide by",
          i + 1,
          denominators.get(i));
      ratios.add(numerators.get(i) / denominators.get(i));
    }
    return median(ratios);
  }
}
