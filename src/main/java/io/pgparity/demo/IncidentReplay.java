package io.pgparity.demo;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import io.pgparity.demo.DriftLedger.Side;
import io.pgparity.demo.IncidentSummary.TableDrift;
import io.pgparity.table.SqlIdentifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the incident behind pgparity on a replicated {@link AuthSchema}: replication stalls while
 * logins, new sessions and logouts go on on the primary, and someone edits the replica by hand.
 * Replication stays paused afterwards, so the divergence holds still for a check.
 */
public final class IncidentReplay {

  public static final long DEFAULT_SEED = 20_240_917L;

  private static final Logger log = LoggerFactory.getLogger(IncidentReplay.class);
  private static final int NEW_SESSIONS = 300;
  private static final int LOGINS = 200;
  private static final int LOGOUTS = 120;
  private static final int OPERATIONS_PER_COMMIT = 50;

  private enum Operation {
    NEW_SESSION,
    LOGIN,
    LOGOUT
  }

  private final AuthSchema schema;
  private final long seed;
  private final DriftLedger users = new DriftLedger();
  private final DriftLedger sessions = new DriftLedger();
  private final List<UUID> newSessions = new ArrayList<>();
  private Random random;
  private long userCount;
  private OffsetDateTime clock;

  /**
   * A replay of the incident on {@code schema}'s tables; one seed always gives the same incident.
   */
  public IncidentReplay(AuthSchema schema, long seed) {
    this.schema = checkNotNull(schema, "schema");
    this.seed = seed;
  }

  /**
   * Waits for the replica to catch up, pauses replication, writes on both sides and returns what a
   * checker must now find. Runs once per instance, on freshly loaded tables.
   */
  public synchronized IncidentSummary replay(EmbeddedPair pair) {
    checkState(random == null, "an IncidentReplay runs once; create a new one");
    random = new Random(seed);
    clock = OffsetDateTime.of(2025, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC);
    userCount = schema.loadedUsers(pair.primary());
    checkState(
        userCount >= AuthSchema.MIN_USERS,
        "%s holds %s users; load at least %s first",
        schema.users(),
        userCount,
        AuthSchema.MIN_USERS);
    pair.awaitCaughtUp(schema.publication(), Duration.ofMinutes(2));
    pair.pauseReplication(schema.publication());
    try (Connection primary = pair.primary().getConnection();
        Connection replica = pair.replica().getConnection()) {
      writesGoOn(primary);
      replicaDrifts(replica);
    } catch (SQLException e) {
      throw new IllegalStateException(
          schema.users() + ": the incident replay failed: " + e.getMessage(), e);
    }
    IncidentSummary summary =
        new IncidentSummary(
            List.of(
                new TableDrift(schema.users(), "id", users.divergences()),
                new TableDrift(schema.sessions(), "id", sessions.divergences())));
    log.info("Incident replayed with seed {}: {}", seed, summary);
    return summary;
  }

  private void writesGoOn(Connection primary) throws SQLException {
    List<Operation> operations = new ArrayList<>();
    operations.addAll(Collections.nCopies(NEW_SESSIONS, Operation.NEW_SESSION));
    operations.addAll(Collections.nCopies(LOGINS, Operation.LOGIN));
    operations.addAll(Collections.nCopies(LOGOUTS, Operation.LOGOUT));
    Collections.shuffle(operations, random);
    primary.setAutoCommit(false);
    for (int i = 0; i < operations.size(); i++) {
      clock =
          clock.plusSeconds(1 + random.nextInt(60)).plusNanos(1000L * random.nextInt(1_000_000));
      switch (operations.get(i)) {
        case NEW_SESSION -> newSession(primary);
        case LOGIN -> login(primary);
        case LOGOUT -> logout(primary);
      }
      if ((i + 1) % OPERATIONS_PER_COMMIT == 0) {
        primary.commit();
      }
    }
    primary.commit();
    primary.setAutoCommit(true);
  }

  private void newSession(Connection primary) throws SQLException {
    UUID id = AuthSchema.md5Uuid("incident-" + seed + "-" + newSessions.size());
    newSessions.add(id);
    run(
        primary,
        sessions.insert(Side.PRIMARY, id.toString()),
        "INSERT INTO "
            + table("sessions")
            + " VALUES (?, ?, ?, ?, ?::inet, 'Mozilla/5.0 (X11; Linux x86_64)',"
            + " jsonb_build_object('mfa', true, 'scopes', jsonb_build_array('read')))",
        id,
        randomUser(),
        clock,
        clock.plusDays(30),
        "172.16." + random.nextInt(256) + "." + random.nextInt(256));
  }

  private void login(Connection primary) throws SQLException {
    long user = randomUser();
    run(
        primary,
        users.update(Side.PRIMARY, String.valueOf(user)),
        "UPDATE " + table("users") + " SET last_login = ?, last_ip = ?::inet WHERE id = ?",
        clock,
        "172.16." + random.nextInt(256) + "." + random.nextInt(256),
        user);
    UUID session = AuthSchema.sessionId(user + userCount * random.nextInt(3));
    run(
        primary,
        sessions.update(Side.PRIMARY, session.toString()),
        "UPDATE "
            + table("sessions")
            + " SET expires_at = ?, data = data || jsonb_build_object('refreshed_at', ?::text)"
            + " WHERE id = ?",
        clock.plusDays(30),
        clock.toString(),
        session);
  }

  private void logout(Connection primary) throws SQLException {
    // now and then the user logs out of a session opened during the stall: no trace on either side
    UUID session =
        !newSessions.isEmpty() && random.nextInt(5) == 0
            ? newSessions.get(random.nextInt(newSessions.size()))
            : randomBaseSession();
    run(
        primary,
        sessions.delete(Side.PRIMARY, session.toString()),
        "DELETE FROM " + table("sessions") + " WHERE id = ?",
        session);
  }

  /** The drift: an operator "fixes" the replica by hand while replication is stalled. */
  private void replicaDrifts(Connection replica) throws SQLException {
    long first = randomUser();
    long second = first % userCount + 1;
    for (long user : new long[] {first, second}) {
      run(
          replica,
          users.update(Side.REPLICA, String.valueOf(user)),
          "UPDATE "
              + table("users")
              + " SET password_hash = sha256(convert_to('reset-' || id, 'UTF8')) WHERE id = ?",
          user);
    }
    UUID deleted = randomBaseSession();
    run(
        replica,
        sessions.delete(Side.REPLICA, deleted.toString()),
        "DELETE FROM " + table("sessions") + " WHERE id = ?",
        deleted);
    UUID stray = AuthSchema.md5Uuid("stray-" + seed);
    run(
        replica,
        sessions.insert(Side.REPLICA, stray.toString()),
        "INSERT INTO "
            + table("sessions")
            + " VALUES (?, ?, ?, ?, '203.0.113.7', 'curl/8.5.0', '{}')",
        stray,
        randomUser(),
        clock,
        clock.plusDays(30));
    // balances of multiples of 10 end in 0, so one decimal less keeps the number, not the text
    long rounded = 10L * (1 + random.nextInt((int) (userCount / 10)));
    run(
        replica,
        users.update(Side.REPLICA, String.valueOf(rounded)),
        "UPDATE " + table("users") + " SET balance = round(balance, 1) WHERE id = ?",
        rounded);
    long recased = randomUser();
    run(
        replica,
        users.update(Side.REPLICA, String.valueOf(recased)),
        "UPDATE "
            + table("users")
            + " SET email = upper(left(email::text, 1)) || substr(email::text, 2) WHERE id = ?",
        recased);
  }

  private long randomUser() {
    return 1 + (long) (random.nextDouble() * userCount);
  }

  private UUID randomBaseSession() {
    return AuthSchema.sessionId(1 + (long) (random.nextDouble() * 3 * userCount));
  }

  private String table(String name) {
    return SqlIdentifier.quote(schema.users().schema()) + "." + SqlIdentifier.quote(name);
  }

  /** Runs one write and checks it touched exactly the rows the ledger expects. */
  private static void run(Connection connection, int expectedRows, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      int rows = statement.executeUpdate();
      checkState(
          rows == expectedRows,
          "%s: touched %s rows where the replay expected %s",
          sql,
          rows,
          expectedRows);
    }
  }
}
