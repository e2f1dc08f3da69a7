package io.pgparity.hashing;

import io.pgparity.catalog.ColumnInfo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The per-row hash, one bigint SQL expression: {@code
 * hash_record_extended(ROW(int8send(hash_record_extended(ROW(<encodings>), 0))), 0)}.
 *
 * <p>The inner record hash is 64 bits ({@code result = 31 * result + element_hash}, rowtypes.c) but
 * linear in its columns, so a sum over rows would not see two rows swapping a value. The outer step
 * hashes the inner hash's 8 bytes with hash_any_extended (the bytea element hash of a one-field
 * record: 31 * 0 + hash): non-linear and without folding to 32 bits, unlike {@code
 * hashint8extended}, which allowed only 2^32 distinct row hashes. The inner hash is computed once:
 * PostgreSQL has no common-subexpression elimination, so mixes that use it twice cost a second
 * record hash. Sums of the mixed values (exact, as numeric) are order-independent and, unlike XOR,
 * never cancel a row counted twice.
 */
public final class RowHashSql {

  /** ROW() takes at most 1664 fields; a table at most 1600 columns. Longer lists nest. */
  static final int MAX_ROW_FIELDS = 1600;

  private RowHashSql() {}

  /** A bigint expression hashing the given columns of the current row. */
  public static String rowHash(List<ColumnInfo> columns) {
    return rowHash(columns, EnumSet.noneOf(EncodingPart.class));
  }

  /** A bigint expression hashing one column, to tell which columns of a changed row differ. */
  public static String columnHash(ColumnInfo column) {
    return rowHash(List.of(column));
  }

  /** As {@link #rowHash(List)}, with the given parts replaced by their naive forms (tests). */
  static String rowHash(List<ColumnInfo> columns, Set<EncodingPart> dropped) {
    List<String> parts = new ArrayList<>();
    for (ColumnInfo column : columns) {
      parts.addAll(ColumnEncoding.expressions(column, dropped));
    }
    String record = "hash_record_extended(" + row(parts) + ", 0)";
    return dropped.contains(EncodingPart.FINAL_MIX)
        ? record
        : "hash_record_extended(ROW(int8send(" + record + ")), 0)";
  }

  /** ROW(parts), nested as ROW(ROW(...), ROW(...)) when there are more parts than one ROW takes. */
  static String row(List<String> parts) {
    if (parts.size() <= MAX_ROW_FIELDS) {
      return "ROW(" + String.join(", ", parts) + ")";
    }
    List<String> groups = new ArrayList<>();
    for (int from = 0; from < parts.size(); from += MAX_ROW_FIELDS) {
      groups.add(row(parts.subList(from, Math.min(parts.size(), from + MAX_ROW_FIELDS))));
    }
    return row(groups);
  }
}
