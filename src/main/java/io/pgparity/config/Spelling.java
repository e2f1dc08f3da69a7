package io.pgparity.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the valid name a user most likely meant, for "did you mean" hints in error messages. */
public final class Spelling {

  private Spelling() {}

  /**
   * The candidate closest to {@code given}, if it is close enough to be a plausible typo: one edit
   * for names of up to four letters, two up to eight, three beyond. Case is ignored; a swap of two
   * adjacent letters counts as one edit.
   */
  public static Optional<String> closest(String given, Collection<String> candidates) {
    if (given == null || given.isEmpty()) {
      return Optional.empty();
    }
    String typed = given.toLowerCase(Locale.ROOT);
    int allowed = typed.length() <= 4 ? 1 : typed.length() <= 8 ? 2 : 3;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(typed, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** " (did you mean 'x'?)" when there is a close candidate, else an empty string. */
  public static String hint(String given, Collection<String> candidates) {
    return closest(given, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  /** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
