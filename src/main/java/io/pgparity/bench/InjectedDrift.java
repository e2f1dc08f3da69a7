package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rows the benchmark made the replica differ in, by key and kind, and the check that a verify
 * run reported exactly those: a count that matches is not enough, since a missed row and an
 * invented one cancel out.
 */
record InjectedDrift(Set<RowDivergence> rows) {

  /**
   * How many rows each kind of mistake names in a message before it says how many more there are.
   */
  static final int ROWS_NAMED = 10;

  InjectedDrift {
    rows = Collections.unmodifiableSet(new LinkedHashSet<>(rows));
    checkArgument(
        rows.stream().map(RowDivergence::where).distinct().count() == rows.size(),
        "a row can be injected with one kind only: %s",
        rows);
  }

  /** The identical case: nothing injected, so verify must report nothing. */
  static InjectedDrift none() {
    return new InjectedDrift(Set.of());
  }

  /**
   * Injected rows given in a list; a row listed twice is a mistake of the drift, not a set to
   * shrink.
   */
  static InjectedDrift of(List<RowDivergence> rows) {
    Set<RowDivergence> distinct = new LinkedHashSet<>(rows);
    checkArgument(
        distinct.size() == rows.size(), "the drift touched a row twice: %s", duplicates(rows));
    return new InjectedDrift(distinct);
  }

  int size() {
    return rows.size();
  }

  /**
   * What is wrong with {@code reported} (the rows of a run's divergences.jsonl in file order)
   * against these rows, one sentence per kind of mistake naming the rows; empty when it is exactly
   * these, each once.
   */
  List<String> mistakes(List<RowDivergence> reported) {
    List<String> mistakes = new ArrayList<>();
    Set<RowDivergence> distinct = new LinkedHashSet<>(reported);
    Map<String, RowDivergence> injectedAt =
        rows.stream()
            .collect(
                Collectors.toMap(
                    RowDivergence::where, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    List<String> wrongKind = new ArrayList<>();
    List<RowDivergence> extra = new ArrayList<>();
    Set<RowDivergence> misreported = new LinkedHashSet<>();
    for (RowDivergence row : distinct) {
      if (rows.contains(row)) {
        continue;
      }
      RowDivergence injected = injectedAt.get(row.where());
      if (injected != null && !distinct.contains(injected)) {
        wrongKind.add(row.where() + " reported " + row.kind() + " but injected " + injected.kind());
        misreported.add(injected);
      } else {
        extra.add(row);
      }
    }
    List<RowDivergence> missing =
        rows.stream().filter(r -> !distinct.contains(r) && !misreported.contains(r)).toList();
    add(
        mistakes,
        "injected but not reported",
        missing.stream().map(RowDivergence::toString).toList());
    add(
        mistakes,
        "reported but not injected",
        extra.stream().map(RowDivergence::toString).toList());
    add(mistakes, "reported with the wrong kind", wrongKind);
    add(mistakes, "reported more than once", duplicates(reported));
    return mistakes;
  }

  /**
   * Throws {@link BenchCheckException} unless {@code reported} is exactly these rows, each once;
   * {@code run} says which run reported them, e.g. its folder.
   */
  void requireReported(List<RowDivergence> reported, String run) {
    List<String> mistakes = mistakes(reported);
    if (!mistakes.isEmpty()) {
      throw new BenchCheckException(
          String.format(
              Locale.ROOT,
              "%s reported %d divergent row(s) but %d were injected, and not exactly those: %s",
              run,
              reported.size(),
              rows.size(),
              String.join("; ", mistakes)));
    }
  }

  private static List<String> duplicates(List<RowDivergence> rows) {
    Map<RowDivergence, Long> counts =
        rows.stream()
            .collect(
                Collectors.groupingBy(
                    Function.identity(), LinkedHashMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .filter(e -> e.getValue() > 1)
        .map(e -> e.getKey() + " " + e.getValue() + " times")
        .toList();
  }

  private static void add(List<String> mistakes, String what, Collection<String> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<String> named = rows.stream().limit(ROWS_NAMED).toList();
    String more = rows.size() > ROWS_NAMED ? ", and " + (rows.size() - ROWS_NAMED) + " more" : "";
    mistakes.add(rows.size() + " " + what + ": " + String.join(", ", named) + more);
  }
}
