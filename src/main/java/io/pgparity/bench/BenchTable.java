package io.pgparity.bench;

import io.pgparity.table.TableRef;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's tables in schema {@code bench}, with deterministic content as a function of the
 * row number g in 1..N. {@code users} has even keys 2g written in key order, so drift can insert
 * odd keys anywhere in the key space; {@code sessions} has md5-derived uuid keys, so its heap is in
 * random key order.
 */
public enum BenchTable {
  USERS,
  SESSIONS;

  static final String SCHEMA = "bench";

  /** The key of both tables; the drift statements return it as text, as verify reports keys. */
  static final String KEY_COLUMN = "id";

  private static final String RETURNING_KEY = " RETURNING " + KEY_COLUMN + "::text";

  /** The name --tables accepts, e.g. {@code users}. */
  public String shortName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The table in the embedded servers' schema {@code bench}. */
  public TableRef ref() {
    return in(SCHEMA);
  }

  /** The table in {@code schema}, e.g. {@code pgparity_bench.users} on servers the user named. */
  public TableRef in(String schema) {
    return new TableRef(schema, shortName());
  }

  /** The table for a --tables word, or null. */
  static BenchTable byName(String word) {
    return Arrays.stream(values()).filter(t -> t.shortName().equals(word)).findFirst().orElse(null);
  }

  static List<String> names() {
    return Arrays.stream(values()).map(BenchTable::shortName).toList();
  }

  /** The table without its primary key, which is cheaper to build once after the load. */
  String createSql(TableRef target) {
    return "CREATE TABLE "
        + target
        + switch (this) {
          case USERS ->
              " (id bigint NOT NULL, email text, display_name text,"
                  + " created_at timestamptz, last_login timestamptz, balance numeric(12,2), profile jsonb,"
                  + " is_active boolean, last_ip inet)";
          case SESSIONS ->
              " (id uuid NOT NULL, user_id bigint,"
                  + " created_at timestamptz, expires_at timestamptz, client_ip inet, user_agent text,"
                  + " data jsonb, token bytea)";
        };
  }

  /** Rows 1..rows, set-based. */
  String loadSql(TableRef target, long rows) {
    return "INSERT INTO "
        + target
        + " SELECT "
        + rowExpressions(key("g"), "g", rows)
        + " FROM generate_series(1::bigint, "
        + rows
        + ") g";
  }

  String primaryKeySql(TableRef target) {
    return "ALTER TABLE " + target + " ADD PRIMARY KEY (id)";
  }

  /**
   * Deletes the rows of the given row numbers, returning their keys as text; {@code numbers} is a
   * bigint[] literal.
   */
  String deleteSql(TableRef target, String numbers) {
    return "DELETE FROM "
        + target
        + " WHERE id IN (SELECT "
        + key("g")
        + " FROM unnest("
        + numbers
        + ") g)"
        + RETURNING_KEY;
  }

  /** Changes one column of the rows of the given row numbers, returning their keys as text. */
  String updateSql(TableRef target, String numbers) {
    String change =
        switch (this) {
          case USERS -> "balance = balance + 0.01";
          case SESSIONS -> "expires_at = expires_at + interval '1 second'";
        };
    return "UPDATE "
        + target
        + " SET "
        + change
        + " WHERE id IN (SELECT "
        + key("g")
        + " FROM unnest("
        + numbers
        + ") g)"
        + RETURNING_KEY;
  }

  /**
   * Inserts one new row per given row number, with a key the load never produced: odd {@code 2g+1}
   * for users (between rows g and g+1), the uuid of row {@code rows + g} for sessions; returns the
   * new keys as text.
   */
  String insertSql(TableRef target, String numbers, long rows) {
    String select =
        switch (this) {
          case USERS -> rowExpressions("2 * g + 1", "g", rows);
          case SESSIONS -> rowExpressions(key("(" + rows + " + g)"), "(" + rows + " + g)", rows);
        };
    return "INSERT INTO "
        + target
        + " SELECT "
        + select
        + " FROM unnest("
        + numbers
        + ") g"
        + RETURNING_KEY;
  }

  private String key(String g) {
    return switch (this) {
      case USERS -> "2 * " + g;
      case SESSIONS -> "md5('bench-session-' || " + g + ")::uuid";
    };
  }

  // every column is a function of g alone, so both sides load byte-identical rows
  private String rowExpressions(String key, String g, long rows) {
    return switch (this) {
      case USERS ->
          key
              + ","
              + " 'user' || "
              + g
              + " || '@example.com',"
              + " 'User ' || "
              + g
              + ","
              + " timestamptz '2023-01-01 00:00:00+00' + ("
              + g
              + " * 97000123) * interval '1 microsecond',"
              + " CASE WHEN "
              + g
              + " % 10 = 0 THEN NULL ELSE timestamptz '2024-06-01 00:00:00+00'"
              + " + ("
              + g
              + " * 104729 * 1000003 % 15552000000000) * interval '1 microsecond' END,"
              + " (("
              + g
              + " * 7907 % 1000000)::numeric / 100)::numeric(12,2),"
              + " jsonb_build_object('plan', (ARRAY['free','pro','team'])[1 + "
              + g
              + " % 3],"
              + " 'newsletter', "
              + g
              + " % 2 = 0, 'score', round(("
              + g
              + " * 31 % 1000) / 10.0, 1),"
              + " 'tags', jsonb_build_array('t' || "
              + g
              + " % 7, 't' || "
              + g
              + " % 11)),"
              + " "
              + g
              + " % 13 <> 0,"
              + " CASE WHEN "
              + g
              + " % 5 = 0"
              + " THEN ('2001:db8::' || to_hex("
              + g
              + " >> 16) || ':' || to_hex("
              + g
              + " & 65535))::inet"
              + " ELSE ('10.' || ("
              + g
              + " >> 16) % 256 || '.' || ("
              + g
              + " >> 8) % 256"
              + " || '.' || "
              + g
              + " % 256)::inet END";
      case SESSIONS ->
          key
              + ","
              + " ("
              + g
              + " * 7919) % "
              + rows
              + " + 1,"
              + " timestamptz '2024-01-01 00:00:00+00' + ("
              + g
              + " * 7777777) * interval '1 microsecond',"
              + " timestamptz '2024-01-31 00:00:00+00' + ("
              + g
              + " * 7777777) * interval '1 microsecond',"
              + " ('192.168.' || ("
              + g
              + " >> 8) % 256 || '.' || "
              + g
              + " % 256)::inet,"
              + " CASE WHEN "
              + g
              + " % 50 = 0 THEN NULL ELSE (ARRAY['Mozilla/5.0 (X11; Linux x86_64)',"
              + " 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)', 'curl/8.5.0', 'okhttp/4.12.0'])[1 + "
              + g
              + " % 4] END,"
              + " jsonb_build_object('n', "
              + g
              + ", 'mfa', "
              + g
              + " % 2 = 0,"
              + " 'scopes', jsonb_build_array('read', CASE WHEN "
              + g
              + " % 3 = 0 THEN 'write' END)),"
              + " sha256(convert_to('token-' || "
              + g
              + ", 'UTF8'))";
    };
  }
}
