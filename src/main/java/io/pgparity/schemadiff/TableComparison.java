package io.pgparity.schemadiff;

import io.pgparity.finding.FindingSeverity;
import io.pgparity.finding.ObjectKind;
import io.pgparity.finding.SchemaFinding;
import io.pgparity.table.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-table part of {@link SchemaComparison}, whose javadoc gives the severity rule: one table
 * present on both sides, its objects from both catalogs.
 */
final class TableComparison {

  private static final String REFUSES =
      "it refuses rows the primary accepts; logical apply stops at the first such row";

  private final TableRef table;
  private final SchemaCatalog primary;
  private final SchemaCatalog replica;
  private final List<String> key;
  private final List<SchemaFinding> findings = new ArrayList<>();

  TableComparison(TableRef table, SchemaCatalog primary, SchemaCatalog replica, List<String> key) {
    this.table = table;
    this.primary = primary;
    this.replica = replica;
    this.key = List.copyOf(key);
  }

  void compare(List<SchemaFinding> into) {
    compareColumns();
    compareConstraints();
    compareIndexes();
    compareTriggers();
    compareRowSecurity();
    into.addAll(findings);
  }

  private void add(ObjectKind kind, String object, FindingSeverity severity, String message) {
    findings.add(new SchemaFinding(table, kind, object, severity, message));
  }

  private <T> List<T> mine(List<T> items, java.util.function.Function<T, TableRef> tableOf) {
    return new ArrayList<>(items.stream().filter(i -> tableOf.apply(i).equals(table)).toList());
  }

  private void compareColumns() {
    Map<String, ColumnDefinition> onReplica =
        SchemaComparison.byName(
            mine(replica.columns(), ColumnDefinition::table), ColumnDefinition::name);
    for (ColumnDefinition p : mine(primary.columns(), ColumnDefinition::table)) {
      ColumnDefinition r = onReplica.get(p.name());
      // missing columns and other types are the table planner's findings
      if (r == null || !r.type().equals(p.type())) {
        continue;
      }
      String column = "column " + p.name();
      if (!Objects.equals(p.collation(), r.collation())) {
        add(
            ObjectKind.COLUMN,
            p.name(),
            FindingSeverity.DIVERGENT,
            column
                + " has collation "
                + p.collation()
                + " on the primary but "
                + r.collation()
                + " on the replica: its text compares and sorts differently there (ORDER BY,"
                + " ranges, unique and other indexes over it)");
      }
      if (!p.describeDefault().equals(r.describeDefault())) {
        add(
            ObjectKind.COLUMN,
            p.name(),
            FindingSeverity.DIVERGENT,
            column
                + " has "
                + p.describeDefault()
                + " on the primary but "
                + r.describeDefault()
                + " on the replica: a row inserted there without "
                + p.name()
                + " gets another value");
      }
      if (!p.describeGeneration().equals(r.describeGeneration())) {
        add(
            ObjectKind.COLUMN,
            p.name(),
            FindingSeverity.DIVERGENT,
            column
                + " is "
                + p.describeGeneration()
                + " on the primary but "
                + r.describeGeneration()
                + " on the replica: writes there store other values in it");
      }
      if (p.notNull() && !r.notNull() && !key.contains(p.name())) {
        // a key column's NOT NULL is the key check's finding
        add(
            ObjectKind.COLUMN,
            p.name(),
            FindingSeverity.DIVERGENT,
            column
                + " allows NULL on the replica (NOT NULL on the primary): it accepts rows the"
                + " primary refuses");
      } else if (!p.notNull() && r.notNull()) {
        add(
            ObjectKind.COLUMN,
            p.name(),
            FindingSeverity.ADVISORY,
            column + " is NOT NULL on the replica only: " + REFUSES);
      }
    }
  }

  /**
   * Whether the catalog's key check reports that the replica keeps the compared key unique by no
   * index while the primary does: then a missing primary key or unique constraint or index over the
   * key's columns is its finding, not ours.
   */
  private boolean keyCheckReportsUniqueness() {
    return !key.isEmpty() && enforcesKey(primary.indexes()) && !enforcesKey(replica.indexes());
  }

  private boolean enforcesKey(List<IndexDefinition> indexes) {
    return indexes.stream()
        .anyMatch(
            i ->
                i.table().equals(table)
                    && i.enforcesUniqueness()
                    && key.containsAll(i.keyColumns()));
  }

  private boolean leftToKeyCheck(List<String> columns) {
    return !columns.isEmpty() && key.containsAll(columns) && keyCheckReportsUniqueness();
  }

  private static ObjectKind kind(char contype) {
    return switch (contype) {
      case 'p' -> ObjectKind.PRIMARY_KEY;
      case 'u' -> ObjectKind.UNIQUE_CONSTRAINT;
      case 'x' -> ObjectKind.EXCLUSION_CONSTRAINT;
      case 'f' -> ObjectKind.FOREIGN_KEY;
      default -> ObjectKind.CHECK_CONSTRAINT;
    };
  }

  private static String kindName(char contype) {
    return switch (contype) {
      case 'p' -> "primary key";
      case 'u' -> "unique constraint";
      case 'x' -> "exclusion constraint";
      case 'f' -> "foreign key";
      default -> "check constraint";
    };
  }

  /** What the replica accepts without the constraint. */
  private static String lacking(ConstraintDefinition c) {
    String columns = "(" + String.join(", ", c.columns()) + ")";
    return switch (c.kind()) {
      case 'p', 'u' -> "it accepts rows the primary refuses (duplicates in " + columns + ")";
      case 'x' -> "it accepts rows the primary refuses (rows that conflict under it)";
      case 'f' ->
          "it accepts rows the primary refuses (references to rows that do not exist), and"
              + " deletes and updates there skip the key's actions";
      default -> "it accepts rows the primary refuses";
    };
  }

  private void compareConstraints() {
    List<ConstraintDefinition> onPrimary = mine(primary.constraints(), ConstraintDefinition::table);
    List<ConstraintDefinition> onReplica = mine(replica.constraints(), ConstraintDefinition::table);
    // names are incidental: a constraint matches one of the same kind and definition
    List<ConstraintDefinition> unmatched = new ArrayList<>();
    for (ConstraintDefinition p : onPrimary) {
      if (SchemaComparison.take(onReplica, r -> r.identity().equals(p.identity())).isEmpty()) {
        unmatched.add(p);
      }
    }
    for (ConstraintDefinition p : unmatched) {
      String what = kindName(p.kind()) + " " + p.name();
      Optional<ConstraintDefinition> renamed =
          SchemaComparison.take(onReplica, r -> r.name().equals(p.name()) && r.kind() == p.kind());
      if (renamed.isPresent()) {
        add(
            kind(p.kind()),
            p.name(),
            FindingSeverity.DIVERGENT,
            what
                + " is "
                + p.definition()
                + " on the primary but "
                + renamed.get().definition()
                + " on the replica: the sides accept different rows");
      } else if (!(p.kind() == 'p' || p.kind() == 'u') || !leftToKeyCheck(p.columns())) {
        add(
            kind(p.kind()),
            p.name(),
            FindingSeverity.DIVERGENT,
            "the replica lacks " + what + " (" + p.definition() + "): " + lacking(p));
      }
    }
    for (ConstraintDefinition r : onReplica) {
      add(
          kind(r.kind()),
          r.name(),
          FindingSeverity.ADVISORY,
          "the replica has "
              + kindName(r.kind())
              + " "
              + r.name()
              + " ("
              + r.definition()
              + ") the primary lacks: "
              + (r.kind() == 'f'
                  ? "after a failover it refuses writes the primary accepts (logical apply does not"
                      + " check foreign keys)"
                  : REFUSES));
    }
  }

  private void compareIndexes() {
    // a constraint's index is compared as the constraint
    List<IndexDefinition> onPrimary =
        new ArrayList<>(
            mine(primary.indexes(), IndexDefinition::table).stream()
                .filter(i -> i.constraint() == null)
                .toList());
    List<IndexDefinition> onReplica =
        new ArrayList<>(
            mine(replica.indexes(), IndexDefinition::table).stream()
                .filter(i -> i.constraint() == null)
                .toList());
    List<IndexDefinition> unmatched = new ArrayList<>();
    for (IndexDefinition p : onPrimary) {
      if (SchemaComparison.take(onReplica, r -> r.definition().equals(p.definition())).isEmpty()) {
        unmatched.add(p);
      }
    }
    for (IndexDefinition p : unmatched) {
      ObjectKind kind = p.unique() ? ObjectKind.UNIQUE_INDEX : ObjectKind.INDEX;
      FindingSeverity severity = p.unique() ? FindingSeverity.DIVERGENT : FindingSeverity.ADVISORY;
      String what = (p.unique() ? "unique index " : "index ") + p.name();
      String allows =
          p.unique()
              ? "it accepts rows the primary refuses (duplicates under it)"
              : "queries that use it run slower there; a lower concern";
      Optional<IndexDefinition> renamed =
          SchemaComparison.take(onReplica, r -> r.name().equals(p.name()));
      if (renamed.isPresent()) {
        add(
            kind,
            p.name(),
            severity,
            what
                + " is "
                + p.definition()
                + " on the primary but "
                + renamed.get().definition()
                + " on the replica: "
                + allows);
      } else if (!p.enforcesUniqueness() || !leftToKeyCheck(p.keyColumns())) {
        add(
            kind,
            p.name(),
            severity,
            "the replica lacks " + what + " (" + p.definition() + "): " + allows);
      }
    }
    for (IndexDefinition r : onReplica) {
      // an extra non-unique index changes only speed, and replicas often carry their own
      if (r.unique()) {
        add(
            ObjectKind.UNIQUE_INDEX,
            r.name(),
            FindingSeverity.ADVISORY,
            "the replica has unique index "
                + r.name()
                + " ("
                + r.definition()
                + ") the primary lacks: "
                + REFUSES);
      }
    }
  }

  private void compareTriggers() {
    Map<String, TriggerDefinition> onReplica =
        SchemaComparison.byName(
            mine(replica.triggers(), TriggerDefinition::table), TriggerDefinition::name);
    for (TriggerDefinition p : mine(primary.triggers(), TriggerDefinition::table)) {
      TriggerDefinition r = onReplica.remove(p.name());
      String what = "trigger " + p.name();
      if (r == null) {
        add(
            ObjectKind.TRIGGER,
            p.name(),
            p.enabled() == 'D' ? FindingSeverity.ADVISORY : FindingSeverity.DIVERGENT,
            "the replica lacks "
                + what
                + " ("
                + p.definition()
                + ", "
                + p.describeEnabled()
                + "): "
                + (p.enabled() == 'D'
                    ? "it is disabled on the primary; a lower concern"
                    : "writes there skip what it does"));
        continue;
      }
      if (!p.definition().equals(r.definition())) {
        add(
            ObjectKind.TRIGGER,
            p.name(),
            FindingSeverity.DIVERGENT,
            what
                + " is "
                + p.definition()
                + " on the primary but "
                + r.definition()
                + " on the replica: writes there run other code");
      }
      if (p.definition().equals(r.definition()) && !p.function().equals(r.function())) {
        add(
            ObjectKind.TRIGGER,
            p.name(),
            FindingSeverity.DIVERGENT,
            what
                + " calls a function whose definition differs between the sides: writes there run"
                + " other code");
      }
      if (p.enabled() != r.enabled()) {
        add(
            ObjectKind.TRIGGER,
            p.name(),
            FindingSeverity.DIVERGENT,
            what
                + " is "
                + p.describeEnabled()
                + " on the primary but "
                + r.describeEnabled()
                + " on the replica: it fires on other writes there");
      }
    }
    for (TriggerDefinition r : onReplica.values()) {
      add(
          ObjectKind.TRIGGER,
          r.name(),
          r.enabled() == 'D' ? FindingSeverity.ADVISORY : FindingSeverity.DIVERGENT,
          "the replica has "
              + "trigger "
              + r.name()
              + " ("
              + r.definition()
              + ", "
              + r.describeEnabled()
              + ") the primary lacks: "
              + (r.enabled() == 'D'
                  ? "it is disabled; a lower concern"
                  : "writes there run code the primary's do not"));
    }
  }

  private void compareRowSecurity() {
    RowSecurity p = primary.tables().get(table);
    RowSecurity r = replica.tables().get(table);
    if (p.enabled() != r.enabled() || p.forced() != r.forced()) {
      boolean weaker = (p.enabled() && !r.enabled()) || (p.enabled() && p.forced() && !r.forced());
      add(
          ObjectKind.ROW_LEVEL_SECURITY,
          table.name(),
          FindingSeverity.DIVERGENT,
          "row-level security is "
              + p.describe()
              + " on the primary but "
              + r.describe()
              + " on the replica: "
              + (weaker
                  ? "its policies do not limit "
                      + (p.forced() && r.enabled() ? "the table's owner" : "users")
                      + " there: they see and change rows the primary keeps from them"
                  : "users see and change fewer rows there than on the primary"));
    }
    Map<String, PolicyDefinition> onReplica =
        SchemaComparison.byName(
            mine(replica.policies(), PolicyDefinition::table), PolicyDefinition::name);
    String consequence = ": users see and change other rows there than on the primary";
    for (PolicyDefinition pp : mine(primary.policies(), PolicyDefinition::table)) {
      PolicyDefinition rp = onReplica.remove(pp.name());
      if (rp == null) {
        add(
            ObjectKind.ROW_LEVEL_SECURITY,
            pp.name(),
            FindingSeverity.DIVERGENT,
            "the replica lacks policy " + pp.name() + " (" + pp.describe() + ")" + consequence);
      } else if (!pp.describe().equals(rp.describe())) {
        add(
            ObjectKind.ROW_LEVEL_SECURITY,
            pp.name(),
            FindingSeverity.DIVERGENT,
            "policy "
                + pp.name()
                + " is "
                + pp.describe()
                + " on the primary but "
                + rp.describe()
                + " on the replica"
                + consequence);
      }
    }
    for (PolicyDefinition rp : onReplica.values()) {
      add(
          ObjectKind.ROW_LEVEL_SECURITY,
          rp.name(),
          FindingSeverity.DIVERGENT,
          "the replica has policy "
              + rp.name()
              + " ("
              + rp.describe()
              + ") the primary lacks"
              + consequence);
    }
  }
}
