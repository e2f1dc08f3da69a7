package io.pgparity.demo;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's auth tables, {@code users} (N rows, keys 1..N) and {@code sessions} (3N rows, key
 * {@code md5('session-' || i)::uuid} for i in 1..3N, session i belonging to user ((i - 1) mod N) +
 * 1), with deterministic content so reruns are reproducible.
 */
public final class AuthSchema {

  /** The fewest users a load accepts: the incident needs a few dozen distinct users to work on. */
  public static final int MIN_USERS = 100;

  /** The most users a load accepts; 3x as many sessions come with them. */
  public static final int MAX_USERS = 10_000_000;

  private static final Logger log = LoggerFactory.getLogger(AuthSchema.class);

  private final String schema;

  /** The tables in {@code schema}, which must exist on both sides (e.g. {@code public}). */
  public AuthSchema(String schema) {
    checkArgument(
        schema != null && schema.matches("[a-z_][a-z0-9_]{0,50}"),
        "schema '%s' must be lower case letters, digits and _ (at most 51), e.g. public",
        schema);
    this.schema = schema;
  }

  public TableRef users() {
    return new TableRef(schema, "users");
  }

  public TableRef sessions() {
    return new TableRef(schema, "sessions");
  }

  /** The publication, and subscription, that replicate both tables. */
  public String publication() {
    return "public".equals(schema) ? "pgparity_demo" : "demo_" + schema;
  }

  /**
   * Creates the tables on both sides, loads {@code users} users on the primary and replicates them.
   */
  public void install(EmbeddedPair pair, int users) {
    create(pair);
    load(pair, users);
    pair.replicate(publication(), users().toString(), sessions().toString());
    EmbeddedPair.exec(pair.replica(), "ANALYZE " + quoted(users()) + ", " + quoted(sessions()));
  }

  /**
   * Creates both tables with the same DDL on both sides. The email is citext when both servers have
   * it: equal under citext's = is not equal bytes, a trap a checker must not fall into.
   */
  public void create(EmbeddedPair pair) {
    boolean citext = hasCitext(pair.primary()) && hasCitext(pair.replica());
    if (citext) {
      pair.execBoth("CREATE EXTENSION IF NOT EXISTS citext");
    }
    // balance is unconstrained numeric: numeric(12,2) would coerce the replica's drifted 1.0
    // back to 1.00
    pair.execBoth(
        """
        CREATE TABLE %s (
          id bigint PRIMARY KEY,
          email %s NOT NULL UNIQUE,
          display_name text,
          password_hash bytea,
          created_at timestamptz,
          last_login timestamptz,
          balance numeric,
          profile jsonb,
          last_ip inet,
          is_active boolean)\
        """
            .formatted(quoted(users()), citext ? "citext" : "text"));
    pair.execBoth(
        """
        CREATE TABLE %s (
          id uuid PRIMARY KEY,
          user_id bigint NOT NULL,
          created_at timestamptz,
          expires_at timestamptz,
          client_ip inet,
          user_agent text,
          data jsonb)\
        """
            .formatted(quoted(sessions())));
  }

  /** Loads {@code users} users and three times as many sessions on the primary, set-based. */
  public void load(EmbeddedPair pair, int users) {
    checkArgument(
        users >= MIN_USERS && users <= MAX_USERS,
        "users must be between %s and %s but was %s",
        MIN_USERS,
        MAX_USERS,
        users);
    long started = System.nanoTime();
    // balance has scale 2 always, and a zero hundredth whenever g is a multiple of 10
    EmbeddedPair.exec(
        pair.primary(),
        """
        INSERT INTO %s
        SELECT g,
          'user' || g || '@example.com',
          'User ' || g,
          sha256(convert_to('pw-' || g, 'UTF8')),
          timestamptz '2023-01-01 00:00:00+00' + (g * 97000123) * interval '1 microsecond',
          CASE WHEN g %% 10 = 0 THEN NULL ELSE timestamptz '2024-06-01 00:00:00+00'
            + (g * 104729 * 1000003 %% 15552000000000) * interval '1 microsecond' END,
          ((g * 7907 %% 1000000)::numeric / 100)::numeric(12,2),
          jsonb_build_object('plan', (ARRAY['free', 'pro', 'team'])[1 + g %% 3],
            'newsletter', g %% 2 = 0, 'score', round((g * 31 %% 1000) / 10.0, 1),
            'tags', jsonb_build_array('t' || g %% 7, 't' || g %% 11)),
          CASE WHEN g %% 5 = 0
            THEN ('2001:db8::' || to_hex(g >> 16) || ':' || to_hex(g %% 65536))::inet
            ELSE ('10.' || (g >> 16) %% 256 || '.' || (g >> 8) %% 256 || '.' || g %% 256)::inet END,
          g %% 13 <> 0
        FROM generate_series(1::bigint, %d) g\
        """
            .formatted(quoted(users()), users));
    EmbeddedPair.exec(
        pair.primary(),
        """
        INSERT INTO %s
        SELECT md5('session-' || g)::uuid,
          (g - 1) %% %d + 1,
          c.created,
          c.created + interval '30 days',
          ('192.168.' || (g >> 8) %% 256 || '.' || g %% 256)::inet,
          CASE WHEN g %% 50 = 0 THEN NULL
            ELSE (ARRAY['Mozilla/5.0 (X11; Linux x86_64)',
              'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)', 'curl/8.5.0', 'okhttp/4.12.0'])
              [1 + g %% 4] END,
          jsonb_build_object('n', g, 'mfa', g %% 2 = 0,
            'scopes', jsonb_build_array('read', CASE WHEN g %% 3 = 0 THEN 'write' END))
        FROM generate_series(1::bigint, %d) g,
          LATERAL (SELECT timestamptz '2024-01-01 00:00:00+00'
            + (g * 7777777) * interval '1 microsecond') c(created)\
        """
            .formatted(quoted(sessions()), users, 3L * users));
    EmbeddedPair.exec(pair.primary(), "ANALYZE " + quoted(users()) + ", " + quoted(sessions()));
    log.info(
        "Loaded {} users and {} sessions in {} ms",
        users,
        3L * users,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** The number of users loaded on the primary (their keys are 1..N). */
  public long loadedUsers(DataSource primary) {
    try (Connection connection = primary.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT coalesce(max(id), 0) FROM " + quoted(users()));
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(
          users() + ": cannot count the loaded users: " + e.getMessage(), e);
    }
  }

  /** The key of base session {@code i} (1-based), as the load computes it. */
  static UUID sessionId(long i) {
    return md5Uuid("session-" + i);
  }

  /** {@code md5(text)::uuid} in Java. */
  static UUID md5Uuid(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
      String hex = HexFormat.of().formatHex(digest);
      return UUID.fromString(
          hex.substring(0, 8)
              + "-"
              + hex.substring(8, 12)
              + "-"
              + hex.substring(12, 16)
              + "-"
              + hex.substring(16, 20)
              + "-"
              + hex.substring(20));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(
          "this JVM has no MD5, which every Java platform must provide", e);
    }
  }

  private static String quoted(TableRef table) {
    return SqlIdentifier.quote(table);
  }

  private static boolean hasCitext(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(*) FROM pg_available_extensions WHERE name = 'citext'");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1) > 0;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list the available extensions: " + e.getMessage(), e);
    }
  }
}
