package io.pgparity.schemadiff;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One collation as one side's library sees it. {@code collation} is its name (schema-qualified
 * unless in pg_catalog, quoted as quote_ident does; {@code "default"} is the database's own);
 * {@code provider} is collprovider ('c' libc, 'i' ICU, 'b' builtin; for the database default,
 * datlocprovider from PostgreSQL 15, 'd' before); {@code actualVersion} is
 * pg_collation_actual_version(), which asks the side's own C library or ICU (null for C and POSIX,
 * which have no version, and for the database default before PostgreSQL 15); {@code
 * recordedVersion} is the version recorded when the collation (or, for the default, the database:
 * datcollversion, PostgreSQL 15 on) was created or last refreshed, which the indexes were built
 * with (null when none is recorded).
 */
public record CollationVersion(
    String collation, char provider, String actualVersion, String recordedVersion) {

  public CollationVersion {
    checkArgument(collation != null && !collation.isEmpty(), "collation name");
    checkArgument("cibd".indexOf(provider) >= 0, "%s: provider '%s'", collation, provider);
  }

  String providerName() {
    return switch (provider) {
      case 'c' -> "libc";
      case 'i' -> "ICU";
      case 'b' -> "builtin";
      default -> "database default";
    };
  }

  /** Whether the library now reports another version than the one the indexes were built with. */
  boolean outdated() {
    return actualVersion != null
        && recordedVersion != null
        && !actualVersion.equals(recordedVersion);
  }
}
