package io.pgparity.testing;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import javax.sql.DataSource;

/** The two tables a {@link WriteLoad} writes to: users (bigint key) and sessions (uuid key). */
public final class LoadSchema {

  public static final String USERS = "users";
  public static final String SESSIONS = "sessions";

  private LoadSchema() {}

  /**
   * Creates {@code schema} if missing and in it {@code users(id bigint primary key, email, name,
   * score, updated_at)} and {@code sessions(id uuid primary key, user_id, token, expires_at,
   * updated_at)}; fails if the tables exist.
   */
  public static void create(DataSource dataSource, String schema) {
    ServerSql sql = new ServerSql(schema, dataSource);
    sql.run("CREATE SCHEMA IF NOT EXISTS " + SqlIdentifier.quote(schema));
    sql.run(
        "CREATE TABLE "
            + SqlIdentifier.quote(users(schema))
            + " (id bigint PRIMARY KEY, email text NOT NULL, name text, score numeric,"
            + " updated_at timestamptz NOT NULL DEFAULT now())");
    sql.run(
        "CREATE TABLE "
            + SqlIdentifier.quote(sessions(schema))
            + " (id uuid PRIMARY KEY, user_id bigint NOT NULL, token text, expires_at timestamptz,"
            + " updated_at timestamptz NOT NULL DEFAULT now())");
  }

  /**
   * Loads {@code rows} users with ids 1..rows (the table must hold none of them) and {@code rows}
   * sessions with random uuid keys, each pointing at one of those users.
   */
  public static void seed(DataSource dataSource, String schema, int rows) {
    checkArgument(
        rows >= 1 && rows <= 1_000_000,
        "seed rows must be 1..1000000 but was %s; keep test data small",
        rows);
    ServerSql sql = new ServerSql(schema, dataSource);
    sql.run(
        "INSERT INTO "
            + SqlIdentifier.quote(users(schema))
            + " (id, email, name, score)"
            + " SELECT g, 'user' || g || '@example.com', 'User ' || g, (g % 1000) / 10.0"
            + " FROM generate_series(1, ?::bigint) g",
        rows);
    sql.run(
        "INSERT INTO "
            + SqlIdentifier.quote(sessions(schema))
            + " (id, user_id, token, expires_at)"
            + " SELECT gen_random_uuid(), 1 + (g * 7919) % ?::bigint, md5(g::text),"
            + " now() + g * interval '1 minute'"
            + " FROM generate_series(1, ?::bigint) g",
        rows,
        rows);
  }

  /** The users table of {@code schema}. */
  public static TableRef users(String schema) {
    return new TableRef(schema, USERS);
  }

  /** The sessions table of {@code schema}. */
  public static TableRef sessions(String schema) {
    return new TableRef(schema, SESSIONS);
  }
}
