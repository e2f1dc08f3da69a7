package io.pgparity.schemadiff;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.connect.Both;
import io.pgparity.finding.FindingSeverity;
import io.pgparity.finding.ObjectKind;
import io.pgparity.finding.SchemaFinding;
import io.pgparity.table.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares the two sides' schema objects by what they do: constraints by kind and definition,
 * indexes by definition without their names, triggers by name, definition and enabled state,
 * row-level security by its switches and policies, enums by labels in order, extensions by version,
 * collations by the version each side's library reports.
 *
 * <p>Severity. {@code DIVERGENT} is whatever lets the replica accept data the primary refuses, or
 * behave otherwise during logical apply or after a failover: a missing primary key, unique,
 * exclusion, foreign key or check constraint, a missing NOT NULL, another column default,
 * generation expression or collation, a missing unique index, a trigger missing, extra, different
 * (its CREATE TRIGGER, or the body of the function it calls) or otherwise enabled, any difference
 * in row-level security, other enum labels or order, a missing extension, and a collation whose
 * library version differs between the sides or, on the replica, from the version its indexes were
 * built with. {@code ADVISORY}: a missing or different non-unique index (speed only), a constraint,
 * NOT NULL or unique index the replica has in addition (it only refuses rows the primary accepts:
 * logical apply then stops with an error and the rows missing behind it show up in the row
 * comparison, and after a failover the application gets an error rather than bad data, as the
 * catalog's key check also treats stronger enforcement on the replica), an extra extension, an
 * extension of another version (a replica on a newer major, the usual way to upgrade through
 * logical replication, creates its extensions at that major's default version, and extension update
 * scripts keep their SQL interface; a DIVERGENT verdict on every such replica would be a false
 * alarm), a trigger that is disabled on the side that has it alone, and a collation version on the
 * primary that differs from its own recorded one (a matter of the primary, not of the difference).
 * An extra non-unique index on the replica is no finding: replicas often carry indexes for their
 * own queries.
 *
 * <p>Not reported here because the catalog's table planner already reports them: tables present on
 * one side only, columns missing on one side or of another type (such columns are skipped here),
 * NOT NULL of the compared key's columns and a replica without any unique index keeping the
 * compared key unique (the key check); {@code comparedKeys} tells which columns form each table's
 * key, and a missing primary key, unique constraint or unique index over those columns is left to
 * the key check when the replica has nothing else keeping the key unique.
 *
 * <p>A physical standby shares the primary's catalog byte for byte, so only collation versions are
 * compared there (its C library or ICU may still differ): see {@link #PHYSICAL_STANDBY_NOTE}.
 */
public final class SchemaComparison {

  /** What a report says about schema objects when the replica is a physical standby. */
  public static final String PHYSICAL_STANDBY_NOTE =
      "physical standby: catalog shared with the primary, only collation versions compared";

  private SchemaComparison() {}

  /**
   * Reads both sides' catalogs for {@code tables} over the two connections (one after the other;
   * the job may instead read each with {@link SchemaCatalog#read} through ServerPair.onBoth) and
   * compares them.
   */
  public static List<SchemaFinding> compare(
      Connection primary,
      Connection replica,
      Collection<TableRef> tables,
      Map<TableRef, List<String>> comparedKeys,
      boolean physicalStandby)
      throws SQLException {
    return compare(
        new Both<>(
            SchemaCatalog.read(primary, tables, physicalStandby),
            SchemaCatalog.read(replica, tables, physicalStandby)),
        comparedKeys);
  }

  /**
   * The differences between the two catalogs, database-wide ones (extensions, enum types,
   * collations) first, then by table, kind and object. A table missing from either side's catalog
   * is skipped (the table planner reports it); catalogs read for collations only yield collation
   * findings.
   */
  public static List<SchemaFinding> compare(
      Both<SchemaCatalog> sides, Map<TableRef, List<String>> comparedKeys) {
    checkNotNull(sides.primary(), "primary catalog");
    checkNotNull(sides.replica(), "replica catalog");
    checkNotNull(comparedKeys, "comparedKeys");
    List<SchemaFinding> findings = new ArrayList<>();
    compareCollations(sides.primary().collations(), sides.replica().collations(), findings);
    if (!sides.primary().collationsOnly() && !sides.replica().collationsOnly()) {
      compareExtensions(sides.primary().extensions(), sides.replica().extensions(), findings);
      compareEnums(sides.primary().enumLabels(), sides.replica().enumLabels(), findings);
      // grouped once, so that a thousand tables do not each scan every side's objects
      Map<TableRef, SchemaCatalog> primaryTables = sides.primary().byTable();
      Map<TableRef, SchemaCatalog> replicaTables = sides.replica().byTable();
      for (TableRef table : sides.primary().tables().keySet()) {
        if (sides.replica().tables().containsKey(table)) {
          new TableComparison(
                  table,
                  primaryTables.get(table),
                  replicaTables.get(table),
                  comparedKeys.getOrDefault(table, List.of()))
              .compare(findings);
        }
      }
    }
    findings.sort(
        Comparator.comparing((SchemaFinding f) -> f.table() == null ? "" : f.table().unambiguous())
            .thenComparing(SchemaFinding::kind)
            .thenComparing(SchemaFinding::object));
    return findings;
  }

  private static void compareCollations(
      List<CollationVersion> primary,
      List<CollationVersion> replica,
      List<SchemaFinding> findings) {
    Map<String, CollationVersion> onReplica = byName(replica, CollationVersion::collation);
    for (CollationVersion p : primary) {
      CollationVersion r = onReplica.get(p.collation());
      if (r == null) {
        // a column or index uses it on one side only: the column's collation finding says so
        continue;
      }
      if (!Objects.equals(p.actualVersion(), r.actualVersion())) {
        findings.add(
            database(
                ObjectKind.COLLATION,
                p.collation(),
                FindingSeverity.DIVERGENT,
                "collation "
                    + p.collation()
                    + " is version "
                    + version(p.actualVersion())
                    + " ("
                    + p.providerName()
                    + ") on the primary but "
                    + version(r.actualVersion())
                    + " ("
                    + r.providerName()
                    + ") on the replica: the two libraries may sort and compare text differently,"
                    + " so text indexes in it on the replica may be out of order (lookups miss rows,"
                    + " unique indexes admit duplicates) and ORDER BY differs; REINDEX them there"));
      } else if (r.outdated()) {
        findings.add(
            database(
                ObjectKind.COLLATION,
                r.collation(),
                FindingSeverity.DIVERGENT,
                "collation "
                    + r.collation()
                    + " is version "
                    + r.actualVersion()
                    + " in the replica's "
                    + r.providerName()
                    + " library but its indexes were built with version "
                    + r.recordedVersion()
                    + ": text indexes in it there may be out of order (lookups miss rows, unique"
                    + " indexes admit duplicates); REINDEX them, then ALTER COLLATION ... REFRESH VERSION"));
      }
      if (p.outdated()) {
        findings.add(
            database(
                ObjectKind.COLLATION,
                p.collation(),
                FindingSeverity.ADVISORY,
                "collation "
                    + p.collation()
                    + " is version "
                    + p.actualVersion()
                    + " in the primary's "
                    + p.providerName()
                    + " library but its indexes were built with version "
                    + p.recordedVersion()
                    + ": text indexes in it on the primary may be out of order; a matter of the"
                    + " primary, which the replica copies"));
      }
    }
  }

  private static String version(String version) {
    return version == null ? "none" : version;
  }

  private static void compareExtensions(
      Map<String, String> primary, Map<String, String> replica, List<SchemaFinding> findings) {
    for (Map.Entry<String, String> p : new TreeMap<>(primary).entrySet()) {
      String name = p.getKey();
      String onReplica = replica.get(name);
      if (onReplica == null) {
        findings.add(
            database(
                ObjectKind.EXTENSION,
                name,
                FindingSeverity.DIVERGENT,
                "the replica lacks extension "
                    + name
                    + " (version "
                    + p.getValue()
                    + " on the primary): the functions, types and operators it provides are"
                    + " missing there"));
      } else if (!onReplica.equals(p.getValue())) {
        findings.add(
            database(
                ObjectKind.EXTENSION,
                name,
                FindingSeverity.ADVISORY,
                "extension "
                    + name
                    + " is version "
                    + p.getValue()
                    + " on the primary but "
                    + onReplica
                    + " on the replica: its functions, types and operators can behave differently"
                    + " there; ALTER EXTENSION "
                    + name
                    + " UPDATE on the older side if they must match"));
      }
    }
    for (Map.Entry<String, String> r : new TreeMap<>(replica).entrySet()) {
      if (!primary.containsKey(r.getKey())) {
        findings.add(
            database(
                ObjectKind.EXTENSION,
                r.getKey(),
                FindingSeverity.ADVISORY,
                "the replica has extension "
                    + r.getKey()
                    + " (version "
                    + r.getValue()
                    + ") the primary lacks; a lower concern"));
      }
    }
  }

  private static void compareEnums(
      Map<String, List<String>> primary,
      Map<String, List<String>> replica,
      List<SchemaFinding> findings) {
    for (Map.Entry<String, List<String>> p : new TreeMap<>(primary).entrySet()) {
      List<String> onReplica = replica.get(p.getKey());
      // a type used on one side only means a column of another type: the table planner says so
      if (onReplica == null || onReplica.equals(p.getValue())) {
        continue;
      }
      boolean sameLabels =
          onReplica.size() == p.getValue().size() && onReplica.containsAll(p.getValue());
      findings.add(
          database(
              ObjectKind.ENUM_TYPE,
              p.getKey(),
              FindingSeverity.DIVERGENT,
              "enum type "
                  + p.getKey()
                  + " has labels ("
                  + String.join(", ", p.getValue())
                  + ") on the primary but ("
                  + String.join(", ", onReplica)
                  + ") on the replica: "
                  + (sameLabels
                      ? "values sort and compare in another order there (ORDER BY, ranges, indexes)"
                      : "the sides accept different values (logical apply stops at a value the"
                          + " replica lacks) and sort them differently")));
    }
  }

  private static SchemaFinding database(
      ObjectKind kind, String object, FindingSeverity severity, String message) {
    return new SchemaFinding(null, kind, object, severity, message);
  }

  static <T> Map<String, T> byName(Collection<T> items, Function<T, String> name) {
    return items.stream()
        .collect(Collectors.toMap(name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  /** Removes and returns the first element that matches, if any. */
  static <T> Optional<T> take(List<T> items, java.util.function.Predicate<T> matches) {
    for (Iterator<T> it = items.iterator(); it.hasNext(); ) {
      T item = it.next();
      if (matches.test(item)) {
        it.remove();
        return Optional.of(item);
      }
    }
    return Optional.empty();
  }
}
