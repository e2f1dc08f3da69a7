package io.pgparity.bench;

import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;

/**
 * The column shapes of the many-tables case, so that its tables are not all alike: a bigint key
 * with text and numeric, a uuid key with timestamptz and jsonb, and a two-column (int, int) key
 * with a boolean and a nullable text. Every column is a function of the row number g alone, so both
 * servers load byte-identical rows.
 */
enum ManyTableShape {
  BIGINT_TEXT_NUMERIC,
  UUID_TIMESTAMPTZ_JSONB,
  COMPOSITE_KEY_BOOLEAN;

  /** The table with its primary key (small tables: building the key during the load is cheap). */
  String createSql(TableRef table) {
    String name = SqlIdentifier.quote(table);
    return switch (this) {
      case BIGINT_TEXT_NUMERIC ->
          "CREATE TABLE " + name + " (id bigint PRIMARY KEY, label text, amount numeric(12,2))";
      case UUID_TIMESTAMPTZ_JSONB ->
          "CREATE TABLE "
              + name
              + " (id uuid PRIMARY KEY, created_at timestamptz, attributes jsonb)";
      case COMPOSITE_KEY_BOOLEAN ->
          "CREATE TABLE "
              + name
              + " (tenant int, seq int, active boolean, note text, PRIMARY KEY (tenant, seq))";
    };
  }

  /** Rows 1..rows, set-based; {@code salt} keeps the tables of one shape from being copies. */
  String loadSql(TableRef table, int rows, int salt) {
    String select =
        switch (this) {
          case BIGINT_TEXT_NUMERIC ->
              "g, 'item ' || g || '/' || "
                  + salt
                  + ", ((g * 7907 + "
                  + salt
                  + ") % 100000) / 100.0";
          case UUID_TIMESTAMPTZ_JSONB ->
              "md5('many-"
                  + salt
                  + "-' || g)::uuid,"
                  + " timestamptz '2024-01-01 00:00:00+00' + (g * 7777777) * interval '1 microsecond',"
                  + " jsonb_build_object('n', g, 'even', g % 2 = 0, 'table', "
                  + salt
                  + ")";
          case COMPOSITE_KEY_BOOLEAN ->
              "g % 7, g, (g + "
                  + salt
                  + ") % 3 <> 0,"
                  + " CASE WHEN g % 10 = 0 THEN NULL ELSE 'note ' || g END";
        };
    return "INSERT INTO "
        + SqlIdentifier.quote(table)
        + " SELECT "
        + select
        + " FROM generate_series(1::bigint, "
        + rows
        + ") g";
  }
}
