package io.pgparity.discovery;

import io.pgparity.config.TablePattern;
import io.pgparity.config.TableSelection;
import io.pgparity.config.TableSpec;
import io.pgparity.table.LeftOutReason;
import io.pgparity.table.LeftOutTable;
import io.pgparity.table.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves a job's exact tables and {@link TableSelection} against both sides' listings.
 *
 * <p>Rules, in the order they apply to a relation: a table named exactly is compared as written (no
 * exclude, kind or privilege rule leaves it out) and keeps its options; a partitioned table is
 * compared through its partitions (recursively; each leaf keeps the options of the nearest entry
 * named exactly above it), listed as {@link LeftOutReason#COMPARED_THROUGH_PARTITIONS}, unless one
 * side partitions it and the other has a plain table of that name: then it is compared as a whole;
 * an exclude pattern leaves a relation and its partitions out; Spring Batch's job repository
 * tables, which pgparity writes during a run when --job-repository points into the checked
 * database, are left out as excluded; materialized views unless requested, foreign tables, unlogged
 * tables and tables the role may not read (on either side) are left out with that reason. A
 * relation on one side only stays compared: the planner reports it.
 */
public final class TableDiscovery {

  /** Spring Batch's job repository tables (as PostgreSQL folds their unquoted names). */
  static final Set<String> JOB_REPOSITORY_TABLES =
      Set.of(
          "batch_job_instance",
          "batch_job_execution",
          "batch_job_execution_params",
          "batch_job_execution_context",
          "batch_step_execution",
          "batch_step_execution_context");

  private static final Comparator<TableRef> BY_NAME =
      Comparator.comparing(TableRef::schema).thenComparing(TableRef::name);

  private final Map<TableRef, TableSpec> exact = new HashMap<>();
  private final TableSelection selection;
  private final RelationListing primary;
  private final RelationListing replica;
  private final Map<TableRef, DiscoveredTable> compared = new TreeMap<>(BY_NAME);
  private final Map<TableRef, LeftOutTable> leftOut = new TreeMap<>(BY_NAME);

  private TableDiscovery(
      List<TableSpec> exact,
      TableSelection selection,
      RelationListing primary,
      RelationListing replica) {
    exact.forEach(spec -> this.exact.put(spec.table(), spec));
    this.selection = selection;
    this.primary = primary;
    this.replica = replica;
  }

  /** Lists both sides (one query each) and resolves the job's choice against them. */
  public static Discovery discover(
      Connection primary, Connection replica, List<TableSpec> exact, TableSelection selection)
      throws SQLException {
    return resolve(exact, selection, RelationListing.read(primary), RelationListing.read(replica));
  }

  /** Resolves {@code exact} and {@code selection} against the two listings. */
  public static Discovery resolve(
      List<TableSpec> exact,
      TableSelection selection,
      RelationListing primary,
      RelationListing replica) {
    return new TableDiscovery(exact, selection, primary, replica).run();
  }

  private Discovery run() {
    Set<TableRef> all = new TreeSet<>(BY_NAME);
    all.addAll(primary.tables());
    all.addAll(replica.tables());
    all.addAll(exact.keySet());
    List<TablePattern> unmatched = new ArrayList<>(selection.include());
    for (TableRef table : all) {
      unmatched.removeIf(pattern -> pattern.matches(table));
    }
    for (TableRef table : all) {
      if (chosen(table) && ancestors(table).stream().noneMatch(this::chosen)) {
        visit(table, null);
      }
    }
    return new Discovery(List.copyOf(compared.values()), List.copyOf(leftOut.values()), unmatched);
  }

  private boolean chosen(TableRef table) {
    return exact.containsKey(table) || selection.include().stream().anyMatch(p -> p.matches(table));
  }

  private Set<TableRef> ancestors(TableRef table) {
    Set<TableRef> ancestors = new LinkedHashSet<>(primary.ancestors(table));
    ancestors.addAll(replica.ancestors(table));
    return ancestors;
  }

  /** Compares {@code table} or leaves it out; {@code inherited} is the entry above it, if any. */
  private void visit(TableRef table, TableSpec inherited) {
    TableSpec own = exact.get(table);
    Optional<CatalogRelation> p = primary.get(table);
    Optional<CatalogRelation> r = replica.get(table);
    // a table named exactly is compared whole: no exclude pattern takes a partition from it
    if (own == null && inherited == null) {
      Optional<String> exclusion = exclusion(table);
      if (exclusion.isPresent()) {
        leftOut(table, LeftOutReason.EXCLUDED, exclusion.get());
        // an entry named exactly below an excluded partitioned table is still compared
        for (TableRef descendant : descendants(table)) {
          if (exact.containsKey(descendant)) {
            visit(descendant, null);
          }
        }
        return;
      }
    }
    TableSpec spec = own != null ? own : inherited;
    boolean partitionedP = p.map(CatalogRelation::partitioned).orElse(false);
    boolean partitionedR = r.map(CatalogRelation::partitioned).orElse(false);
    boolean plainP = p.isPresent() && !partitionedP;
    boolean plainR = r.isPresent() && !partitionedR;
    if ((partitionedP || partitionedR) && !plainP && !plainR) {
      Set<TableRef> partitions = new TreeSet<>(BY_NAME);
      partitions.addAll(primary.children(table));
      partitions.addAll(replica.children(table));
      leftOut(
          table,
          LeftOutReason.COMPARED_THROUGH_PARTITIONS,
          partitions.size() + (partitions.size() == 1 ? " partition" : " partitions"));
      for (TableRef partition : partitions) {
        visit(partition, spec);
      }
      return;
    }
    String detail = null;
    if (partitionedP || partitionedR) {
      String side = partitionedP ? "primary" : "replica";
      int count = (partitionedP ? primary : replica).children(table).size();
      detail =
          "partitioned on the "
              + side
              + " only ("
              + count
              + (count == 1 ? " partition" : " partitions")
              + " there), a plain table on the other side: compared as a whole";
    }
    if (own == null) {
      Optional<LeftOutTable> rule = kindRule(table, p, r);
      if (rule.isPresent()) {
        leftOut.put(table, rule.get());
        return;
      }
    }
    long[] estimateP = primary.estimate(table);
    long[] estimateR = replica.estimate(table);
    compared.put(
        table,
        new DiscoveredTable(
            spec == null ? TableSpec.of(table) : withTable(spec, table),
            Math.max(estimateP[0], estimateR[0]),
            Math.max(estimateP[1], estimateR[1]),
            detail));
  }

  private Optional<String> exclusion(TableRef table) {
    Optional<String> pattern =
        selection.exclude().stream()
            .filter(p -> p.matches(table))
            .map(p -> "matches --exclude/exclude: " + p.text())
            .findFirst();
    if (pattern.isPresent()) {
      return pattern;
    }
    if (JOB_REPOSITORY_TABLES.contains(table.name())) {
      return Optional.of(
          "a Spring Batch job repository table, which pgparity itself writes during a run; name it"
              + " exactly to compare it");
    }
    return Optional.empty();
  }

  private Optional<LeftOutTable> kindRule(
      TableRef table, Optional<CatalogRelation> p, Optional<CatalogRelation> r) {
    if (!selection.materializedViews()
        && (is(p, RelationKind.MATERIALIZED_VIEW) || is(r, RelationKind.MATERIALIZED_VIEW))) {
      return Optional.of(
          new LeftOutTable(
              table,
              LeftOutReason.MATERIALIZED_VIEW,
              sides(is(p, RelationKind.MATERIALIZED_VIEW), is(r, RelationKind.MATERIALIZED_VIEW))
                  + "; --materialized-views compares it"));
    }
    if (is(p, RelationKind.FOREIGN_TABLE) || is(r, RelationKind.FOREIGN_TABLE)) {
      return Optional.of(
          new LeftOutTable(
              table,
              LeftOutReason.FOREIGN_TABLE,
              sides(is(p, RelationKind.FOREIGN_TABLE), is(r, RelationKind.FOREIGN_TABLE))));
    }
    boolean unloggedP = p.map(CatalogRelation::unlogged).orElse(false);
    boolean unloggedR = r.map(CatalogRelation::unlogged).orElse(false);
    if (unloggedP || unloggedR) {
      return Optional.of(
          new LeftOutTable(table, LeftOutReason.UNLOGGED, sides(unloggedP, unloggedR)));
    }
    boolean deniedP = p.isPresent() && !p.get().canSelect();
    boolean deniedR = r.isPresent() && !r.get().canSelect();
    if (deniedP || deniedR) {
      return Optional.of(
          new LeftOutTable(table, LeftOutReason.NO_SELECT_PRIVILEGE, sides(deniedP, deniedR)));
    }
    return Optional.empty();
  }

  private static boolean is(Optional<CatalogRelation> relation, RelationKind kind) {
    return relation.map(CatalogRelation::kind).orElse(null) == kind;
  }

  private static String sides(boolean primary, boolean replica) {
    return primary && replica ? "on both sides" : primary ? "on the primary" : "on the replica";
  }

  private Set<TableRef> descendants(TableRef table) {
    Set<TableRef> found = new TreeSet<>(BY_NAME);
    List<TableRef> next = new ArrayList<>(List.of(table));
    while (!next.isEmpty()) {
      TableRef current = next.remove(next.size() - 1);
      for (TableRef child : concat(primary.children(current), replica.children(current))) {
        if (found.add(child)) {
          next.add(child);
        }
      }
    }
    return found;
  }

  private static List<TableRef> concat(List<TableRef> a, List<TableRef> b) {
    List<TableRef> both = new ArrayList<>(a);
    both.addAll(b);
    return both;
  }

  private void leftOut(TableRef table, LeftOutReason reason, String detail) {
    leftOut.put(table, new LeftOutTable(table, reason, detail));
  }

  private static TableSpec withTable(TableSpec spec, TableRef table) {
    return spec.table().equals(table)
        ? spec
        : new TableSpec(
            table,
            spec.key(),
            spec.columns(),
            spec.ignoreColumns(),
            spec.where(),
            spec.settle(),
            spec.mask());
  }
}
