package io.pgparity.hashing;

import io.pgparity.catalog.ColumnInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-row hash: PostgreSQL's record hash over every column's identity encoding, then a 64-bit
 * mix. The record hash alone is linear in its columns, so a plain sum over rows would not see two
 * rows swapping a value; {@code hashint8extended} breaks that linearity. Sums of the mixed values
 * (exact, as numeric) are order-independent and, unlike XOR, never cancel a row counted twice.
 */
public final class RowHashSql {

  private RowHashSql() {}

  /** A bigint expression hashing the given columns of the current row. */
  public static String rowHash(List<ColumnInfo> columns) {
    List<String> parts = new ArrayList<>();
    for (ColumnInfo column : columns) {
      parts.addAll(ColumnEncoding.expressions(column));
    }
    return "hashint8extended(hash_record_extended(ROW(" + String.join(", ", parts) + "), 0), 0)";
  }

  /** A bigint expression hashing one column, to tell which columns of a changed row differ. */
  public static String columnHash(ColumnInfo column) {
    return rowHash(List.of(column));
  }
}
