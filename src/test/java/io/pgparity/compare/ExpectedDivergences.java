package io.pgparity.compare;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The divergences a table's two sides imply, computed from what each side stores (its output text),
 * independently of pgparity: rows are matched per key as multisets. A replica row equal in every
 * column to a primary row of its key pairs with it; what is left of a key pairs as CHANGED, one
 * primary row with one replica row; any surplus replica copy is EXTRA_ON_REPLICA, any surplus
 * primary row MISSING_ON_REPLICA. A row with a NULL key element matches nothing: it is EXTRA (or
 * MISSING) with JSON null in its key.
 *
 * <p>When a key's primary row is equal to none of several replica copies, which copy is the CHANGED
 * one and which the EXTRA is not defined; every choice is an accepted alternative, and {@link
 * #resolve} takes the one the run reported (any other report fails the exact assertion).
 */
record ExpectedDivergences(
    String table,
    List<List<List<DivergentRow>>> perKey,
    long rowsPrimary,
    long rowsReplica,
    List<String> findings) {

  ExpectedDivergences {
    perKey =
        perKey.stream()
            .map(alternatives -> alternatives.stream().map(List::copyOf).toList())
            .toList();
    checkArgument(
        perKey.stream().noneMatch(List::isEmpty), "%s: a key without any alternative", table);
  }

  static ExpectedDivergences of(String table, StoredRows primary, StoredRows replica) {
    checkArgument(
        primary.keyColumns().equals(replica.keyColumns()), "%s: key columns differ", table);
    checkArgument(
        primary.columns().equals(replica.columns()),
        "%s: columns differ: %s / %s",
        table,
        primary.columns(),
        replica.columns());
    Map<Map<String, String>, List<Map<String, String>>> onPrimary = byKey(primary);
    Map<Map<String, String>, List<Map<String, String>>> onReplica = byKey(replica);
    List<Map<String, String>> keys = new ArrayList<>(onPrimary.keySet());
    onReplica.keySet().stream().filter(k -> !onPrimary.containsKey(k)).forEach(keys::add);
    List<List<List<DivergentRow>>> perKey = new ArrayList<>();
    for (Map<String, String> key : keys) {
      List<Map<String, String>> p = new ArrayList<>(onPrimary.getOrDefault(key, List.of()));
      List<Map<String, String>> r = new ArrayList<>(onReplica.getOrDefault(key, List.of()));
      if (key.containsValue(null)) {
        // a NULL key equals nothing, not even another NULL key: every such row stands alone
        p.forEach(row -> perKey.add(List.of(List.of(unpaired(table, primary, row, null)))));
        r.forEach(row -> perKey.add(List.of(List.of(unpaired(table, primary, null, row)))));
        continue;
      }
      for (Map<String, String> row : List.copyOf(p)) {
        if (r.remove(row)) {
          p.remove(row);
        }
      }
      if (p.isEmpty() && r.isEmpty()) {
        continue;
      }
      checkArgument(
          p.size() <= 1 || r.size() <= 1,
          "%s %s: several unmatched rows on both sides, not modelled",
          table,
          key);
      List<List<DivergentRow>> alternatives = new ArrayList<>();
      if (p.size() == 1 && r.size() > 1) {
        for (int changed = 0; changed < r.size(); changed++) {
          List<DivergentRow> alternative = new ArrayList<>();
          alternative.add(changed(table, primary, p.get(0), r.get(changed)));
          for (int extra = 0; extra < r.size(); extra++) {
            if (extra != changed) {
              alternative.add(unpaired(table, primary, null, r.get(extra)));
            }
          }
          alternatives.add(alternative);
        }
      } else if (r.size() == 1 && p.size() > 1) {
        for (int changed = 0; changed < p.size(); changed++) {
          List<DivergentRow> alternative = new ArrayList<>();
          alternative.add(changed(table, primary, p.get(changed), r.get(0)));
          for (int missing = 0; missing < p.size(); missing++) {
            if (missing != changed) {
              alternative.add(unpaired(table, primary, p.get(missing), null));
            }
          }
          alternatives.add(alternative);
        }
      } else {
        List<DivergentRow> only = new ArrayList<>();
        if (p.size() == 1 && r.size() == 1) {
          only.add(changed(table, primary, p.get(0), r.get(0)));
        } else {
          p.forEach(row -> only.add(unpaired(table, primary, row, null)));
          r.forEach(row -> only.add(unpaired(table, primary, null, row)));
        }
        alternatives.add(only);
      }
      perKey.add(alternatives);
    }
    // a replica table created without the primary's key: the schema findings that say what it
    // allows
    List<String> findings = new ArrayList<>();
    if (primary.primaryKey() && !replica.primaryKey()) {
      findings.add("the replica has no primary key or unique index over");
      primary
          .keyColumns()
          .forEach(c -> findings.add("key column " + c + " allows NULL on the replica"));
      findings.add("the replica has no primary key (the primary's is");
    }
    return new ExpectedDivergences(
        table, perKey, primary.rows().size(), replica.rows().size(), findings);
  }

  /** Every expected divergence if each key had only its first alternative (for counting kinds). */
  List<DivergentRow> first() {
    return perKey.stream().flatMap(alternatives -> alternatives.get(0).stream()).toList();
  }

  /**
   * The expectation for this run: per key the alternative the run reported most of, else the first.
   */
  VerifyRun.Expectation resolve(VerifyRun run) {
    List<DivergentRow> reported = run.reported(table);
    List<DivergentRow> expected = new ArrayList<>();
    for (List<List<DivergentRow>> alternatives : perKey) {
      List<DivergentRow> best = alternatives.get(0);
      long bestHits = -1;
      for (List<DivergentRow> alternative : alternatives) {
        long hits = alternative.stream().filter(reported::contains).count();
        if (hits > bestHits) {
          best = alternative;
          bestHits = hits;
        }
      }
      expected.addAll(best);
    }
    return new VerifyRun.Expectation(table, expected, rowsPrimary, rowsReplica, findings);
  }

  private static Map<Map<String, String>, List<Map<String, String>>> byKey(StoredRows side) {
    Map<Map<String, String>, List<Map<String, String>>> byKey = new LinkedHashMap<>();
    for (Map<String, String> row : side.rows()) {
      byKey.computeIfAbsent(side.key(row), k -> new ArrayList<>()).add(row);
    }
    return byKey;
  }

  private static DivergentRow changed(
      String table, StoredRows shape, Map<String, String> p, Map<String, String> r) {
    List<String> differing = new ArrayList<>();
    for (String column : shape.columns()) {
      if (!shape.keyColumns().contains(column) && !Objects.equals(p.get(column), r.get(column))) {
        differing.add(column);
      }
    }
    return new DivergentRow(table, shape.key(p), DivergenceKind.CHANGED, differing, p, r);
  }

  private static DivergentRow unpaired(
      String table, StoredRows shape, Map<String, String> p, Map<String, String> r) {
    DivergenceKind kind =
        p == null ? DivergenceKind.EXTRA_ON_REPLICA : DivergenceKind.MISSING_ON_REPLICA;
    return new DivergentRow(table, shape.key(p == null ? r : p), kind, List.of(), p, r);
  }

  /** The expected (key, kind) pairs with their counts, to check a fixture against its own model. */
  Map<String, Long> keyKinds() {
    Map<String, Long> counts = new HashMap<>();
    first().forEach(d -> counts.merge(d.key() + " " + d.kind(), 1L, Long::sum));
    return counts;
  }
}
