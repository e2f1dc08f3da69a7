package io.pgparity.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Schema findings about what keeps the compared key unique and non-NULL on each side. DDL is not
 * replicated, so a logical subscriber may lack the primary key, its unique index or NOT NULL; each
 * finding says what that lets the replica hold. Only weaker enforcement on the replica is a finding
 * (a replica that enforces more cannot hold anything the primary could not), plus a key named in
 * the job that the primary itself does not keep unique.
 */
final class KeyEnforcement {

  private static final String MULTISETS =
      "pgparity compares rows per key as multisets and reports each surplus copy";

  private KeyEnforcement() {}

  /**
   * Adds the findings for {@code key}, whose columns exist on both sides with the same types: to
   * {@code findings} what the replica lacks of the primary's enforcement, to {@code advisories}
   * what concerns both sides alike or only at commit, which leaves agreeing rows consistent.
   */
  static void check(
      List<String> key,
      TableSchema primary,
      TableSchema replica,
      List<String> findings,
      List<String> advisories) {
    Optional<UniqueKey> onPrimary = primary.enforcing(key);
    Optional<UniqueKey> onReplica = replica.enforcing(key);
    KeyUniqueness primaryUniqueness = primary.uniqueness(key);
    KeyUniqueness replicaUniqueness = replica.uniqueness(key);
    if (onPrimary.isEmpty()) {
      // only a key named in the job can lack a unique index on the primary: a chosen one is a
      // candidate key
      // there; the user vouched for it, so it is no difference between the sides
      advisories.add(
          onReplica.isEmpty()
              ? "key "
                  + columns(key)
                  + " is named in the job, but neither side has a primary key or unique index over"
                  + overKey(key)
                  + ": rows with the same key can exist on both sides; "
                  + MULTISETS
              : "key "
                  + columns(key)
                  + " is named in the job, but the primary has no primary key or unique index over"
                  + overKey(key)
                  + " ("
                  + describe("replica", onReplica.get())
                  + "): rows with the same key can exist"
                  + " on the primary; "
                  + MULTISETS);
    } else if (onReplica.isEmpty()) {
      findings.add(
          "the replica has no primary key or unique index over"
              + overKey(key)
              + " ("
              + describe("primary", onPrimary.get())
              + "): rows with the same key can exist there; "
              + MULTISETS);
    } else if (replicaUniqueness.compareTo(primaryUniqueness) < 0) {
      advisories.add(
          "the replica keeps "
              + columns(key)
              + " unique only at commit ("
              + describe("replica", onReplica.get())
              + "; "
              + describe("primary", onPrimary.get())
              + "): rows with the same key can exist there inside a"
              + " transaction but not once it commits, and pgparity reads committed rows only; a lower concern");
    }
    for (String name : key) {
      boolean primaryNotNull = primary.column(name).map(ColumnInfo::notNull).orElse(false);
      boolean replicaNotNull = replica.column(name).map(ColumnInfo::notNull).orElse(false);
      if (primaryNotNull && !replicaNotNull) {
        findings.add(
            "key column "
                + name
                + " allows NULL on the replica (NOT NULL on the primary): rows with a NULL key can"
                + " exist there; they are reported with a null key");
      }
    }
    Optional<UniqueKey> primaryKey = primary.primaryKey();
    if (primaryKey.isPresent()
        && replica.primaryKey().isEmpty()
        && !replica.hasReplicaIdentityIndex()) {
      // logicalrep_rel_mark_updatable (src/backend/replication/logical/relation.c): without a
      // replica
      // identity index or primary key, the target is updatable only if the publisher sends REPLICA
      // IDENTITY FULL;
      // a matter of replication, not of the rows compared
      advisories.add(
          "the replica has no primary key (the primary's is "
              + columns(primaryKey.get().columns())
              + ") and no REPLICA IDENTITY USING INDEX: as a logical subscriber it cannot apply UPDATE or DELETE"
              + " unless the published table has REPLICA IDENTITY FULL");
    }
  }

  /** " (a, b) or some of its columns" for a key of several columns, " (a)" for one. */
  private static String overKey(List<String> key) {
    return " " + columns(key) + (key.size() > 1 ? " or some of its columns" : "");
  }

  /** What keeps the key unique on one side, e.g. "the primary's primary key is (id)". */
  private static String describe(String side, UniqueKey unique) {
    if (unique.primaryKey()) {
      return "the "
          + side
          + "'s primary key is "
          + columns(unique.columns())
          + (unique.immediate() ? "" : ", deferrable");
    }
    return "the "
        + side
        + " has a "
        + (unique.immediate() ? "unique index" : "deferrable unique constraint")
        + " over "
        + columns(unique.columns());
  }

  private static String columns(List<String> names) {
    return "(" + String.join(", ", names) + ")";
  }
}
