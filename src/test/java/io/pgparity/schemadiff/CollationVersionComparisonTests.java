package io.pgparity.schemadiff;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.connect.Both;
import io.pgparity.finding.FindingSeverity;
import io.pgparity.finding.ObjectKind;
import io.pgparity.finding.SchemaFinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Collation versions cannot be made to differ between two servers of one machine, so the comparison
 * is given the versions each side's library would report.
 */
class CollationVersionComparisonTests {

  private static List<SchemaFinding> compare(
      List<CollationVersion> primary, List<CollationVersion> replica) {
    return SchemaComparison.compare(
        new Both<>(SchemaCatalog.ofCollations(primary), SchemaCatalog.ofCollations(replica)),
        Map.of());
  }

  @Test
  void theSameVersionsAndVersionlessCollationsGiveNoFinding() {
    List<CollationVersion> side =
        List.of(
            new CollationVersion("\"default\"", 'c', "2.36", "2.36"),
            new CollationVersion("\"C\"", 'c', null, null),
            new CollationVersion("\"und-x-icu\"", 'i', "153.120", "153.120"));
    assertThat(compare(side, side)).isEmpty();
  }

  @Test
  void anotherLibraryVersionOnTheReplicaIsDivergent() {
    assertThat(
            compare(
                List.of(new CollationVersion("\"default\"", 'c', "2.36", "2.36")),
                List.of(new CollationVersion("\"default\"", 'c', "2.28", "2.36"))))
        .as("on a physical standby the recorded version is the primary's; one finding, not two")
        .containsExactly(
            new SchemaFinding(
                null,
                ObjectKind.COLLATION,
                "\"default\"",
                FindingSeverity.DIVERGENT,
                "collation \"default\" is version 2.36 (libc) on the primary but 2.28 (libc) on"
                    + " the replica: the two libraries may sort and compare text differently, so"
                    + " text indexes in it on the replica may be out of order (lookups miss rows,"
                    + " unique indexes admit duplicates) and ORDER BY differs; REINDEX them there"));
  }

  @Test
  void aVersionOnOneSideOnlyIsDivergent() {
    assertThat(
            compare(
                List.of(new CollationVersion("\"default\"", 'c', null, null)),
                List.of(new CollationVersion("\"default\"", 'i', "153.120", "153.120"))))
        .extracting(SchemaFinding::severity, SchemaFinding::object)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(FindingSeverity.DIVERGENT, "\"default\""));
  }

  @Test
  void aReplicaWhoseLibraryMovedOnSinceItsIndexesWereBuiltIsDivergent() {
    CollationVersion primary = new CollationVersion("\"en-x-icu\"", 'i', "153.120", "153.120");
    CollationVersion replica = new CollationVersion("\"en-x-icu\"", 'i', "153.120", "153.14");
    assertThat(compare(List.of(primary), List.of(replica)))
        .containsExactly(
            new SchemaFinding(
                null,
                ObjectKind.COLLATION,
                "\"en-x-icu\"",
                FindingSeverity.DIVERGENT,
                "collation \"en-x-icu\" is version 153.120 in the replica's ICU library but its"
                    + " indexes were built with version 153.14: text indexes in it there may be out"
                    + " of order (lookups miss rows, unique indexes admit duplicates); REINDEX"
                    + " them, then ALTER COLLATION ... REFRESH VERSION"));
  }

  @Test
  void aPrimaryWhoseLibraryMovedOnIsAdvisory() {
    CollationVersion side = new CollationVersion("\"en-x-icu\"", 'i', "153.120", "153.14");
    assertThat(compare(List.of(side), List.of(side)))
        .as("a physical standby copies the recorded version: the replica's finding comes too")
        .extracting(SchemaFinding::severity, SchemaFinding::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                FindingSeverity.DIVERGENT,
                "collation \"en-x-icu\" is version 153.120 in the replica's ICU library but its"
                    + " indexes were built with version 153.14: text indexes in it there may be out"
                    + " of order (lookups miss rows, unique indexes admit duplicates); REINDEX"
                    + " them, then ALTER COLLATION ... REFRESH VERSION"),
            org.assertj.core.groups.Tuple.tuple(
                FindingSeverity.ADVISORY,
                "collation \"en-x-icu\" is version 153.120 in the primary's ICU library but its"
                    + " indexes were built with version 153.14: text indexes in it on the primary"
                    + " may be out of order; a matter of the primary, which the replica copies"));
    assertThat(
            compare(
                List.of(side),
                List.of(new CollationVersion("\"en-x-icu\"", 'i', "153.120", "153.120"))))
        .extracting(SchemaFinding::severity)
        .containsExactly(FindingSeverity.ADVISORY);
  }

  @Test
  void aCollationUsedOnOneSideOnlyIsLeftToTheColumnFinding() {
    assertThat(
            compare(
                List.of(new CollationVersion("\"en-x-icu\"", 'i', "153.120", "153.120")),
                List.of(new CollationVersion("\"C\"", 'c', null, null))))
        .isEmpty();
  }
}
