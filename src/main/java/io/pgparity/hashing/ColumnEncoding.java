package io.pgparity.hashing;

import io.pgparity.catalog.ColumnInfo;
import io.pgparity.catalog.SqlIdentifier;
import java.util.List;
import java.util.Set;

/**
 * How one column enters the row hash: expressions whose type hash follows identity (what is
 * stored), not SQL equality, and that no session setting can change.
 *
 * <p>Type hash functions follow equality: numeric 1.0 = 1.00, float -0 = 0, interval '1 day' =
 * '24 hours', citext and case-insensitive collations ignore case, jsonb compares numbers by value,
 * enums hash their cluster-local OID. Those are rewritten: numeric adds its display scale, floats
 * and intervals hash their binary send form, text hashes under the byte-wise "C" collation, and
 * anything else without a trusted identity hash (json, jsonb, xml, enums, arrays, ranges,
 * composites, geometric and extension types) hashes its text output, which the pinned session
 * settings make canonical. timetz is hashed as text too: its hash XORs time and zone, so a time and
 * a zone that swap numbers collide, and 00:00:00+00 hashes like NULL.
 */
public final class ColumnEncoding {

  /** Built-in types whose own hash function already distinguishes every stored value. */
  private static final Set<String> IDENTITY_HASHED =
      Set.of(
          "int2", "int4", "int8", "oid", "bool", "char", "date", "time", "timestamp", "timestamptz",
          "uuid", "bytea", "inet", "cidr", "macaddr", "macaddr8", "pg_lsn", "xid8");

  private static final Set<String> COLLATABLE = Set.of("text", "varchar", "bpchar", "name");

  private ColumnEncoding() {}

  /** One or more SQL expressions that together identify the column's stored value. */
  public static List<String> expressions(ColumnInfo column) {
    String c = SqlIdentifier.quote(column.name());
    if (column.builtIn() && column.category() != 'A') {
      String base = column.baseType();
      if (IDENTITY_HASHED.contains(base)) {
        return List.of(column.kind() == 'd' ? c + "::" + base : c);
      }
      if (COLLATABLE.contains(base)) {
        return List.of(c + "::text COLLATE \"C\"");
      }
      switch (base) {
        case "numeric":
          // value plus display scale is the stored identity; NaN and the infinities have no scale
          // and hash like NULL, so their text tells them apart
          return List.of(
              c + "::numeric",
              "scale(" + c + "::numeric)",
              "CASE WHEN scale(" + c + "::numeric) IS NULL THEN " + c + "::numeric::text END");
        case "float4":
          // every NaN is the same value and prints NaN, but NaNs may differ in their sign bit
          return List.of("float4send(CASE WHEN " + c + " = 'NaN'::float4 THEN 'NaN'::float4 ELSE " + c + " END)");
        case "float8":
          return List.of("float8send(CASE WHEN " + c + " = 'NaN'::float8 THEN 'NaN'::float8 ELSE " + c + " END)");
        case "interval":
          return List.of("interval_send(" + c + ")");
        default:
          break;
      }
    }
    return List.of(c + "::text COLLATE \"C\"");
  }
}
