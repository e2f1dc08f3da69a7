package io.pgparity.testing;

import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.UUID;

/** One {@link WriteLoad} transaction's work: a random insert, update or delete in each table. */
final class LoadStatements {

  /** What one statement does to its table. */
  enum Kind {
    INSERT,
    UPDATE,
    DELETE
  }

  /** Rows one transaction changed, by kind. */
  record Changes(int inserts, int updates, int deletes) {

    static Changes of(Kind kind, int rows) {
      return switch (kind) {
        case INSERT -> new Changes(rows, 0, 0);
        case UPDATE -> new Changes(0, rows, 0);
        case DELETE -> new Changes(0, 0, rows);
      };
    }

    Changes plus(Changes other) {
      return new Changes(inserts + other.inserts, updates + other.updates, deletes + other.deletes);
    }
  }

  private final TableRef users;
  private final TableRef sessions;
  private final String insertUser;
  private final String updateUser;
  private final String deleteUser;
  private final String insertSession;
  private final String updateSession;
  private final String deleteSession;
  // unseeded: a second load on the same tables must not repeat the first one's uuid keys
  private final SplittableRandom random = new SplittableRandom();
  private long highestUserId;

  LoadStatements(TableRef users, TableRef sessions, long highestUserId) {
    this.users = users;
    this.sessions = sessions;
    this.highestUserId = highestUserId;
    String u = SqlIdentifier.quote(users);
    String s = SqlIdentifier.quote(sessions);
    // "the first key at or after a random one" finds an existing row through the primary key
    // whatever the earlier deletes left
    String someUser = "(SELECT id FROM " + u + " WHERE id >= ? ORDER BY id LIMIT 1)";
    String someSession = "(SELECT id FROM " + s + " WHERE id >= ? ORDER BY id LIMIT 1)";
    insertUser = "INSERT INTO " + u + " (id, email, name, score) VALUES (?, ?, ?, ?)";
    updateUser =
        "UPDATE "
            + u
            + " SET name = ?, score = coalesce(score, 0) + 1, updated_at = now()"
            + " WHERE id = "
            + someUser;
    deleteUser = "DELETE FROM " + u + " WHERE id = " + someUser;
    insertSession =
        "INSERT INTO "
            + s
            + " (id, user_id, token, expires_at)"
            + " VALUES (?, ?, ?, now() + interval '1 hour')";
    updateSession =
        "UPDATE "
            + s
            + " SET token = ?, expires_at = now() + interval '1 hour',"
            + " updated_at = now() WHERE id = "
            + someSession;
    deleteSession = "DELETE FROM " + s + " WHERE id = " + someSession;
  }

  TableRef users() {
    return users;
  }

  TableRef sessions() {
    return sessions;
  }

  /** Runs one change per table on {@code connection}, in its current transaction. */
  Changes writeOnce(Connection connection) throws SQLException {
    Kind userKind = pick();
    int userRows = changeUser(connection, userKind);
    Kind sessionKind = pick();
    int sessionRows = changeSession(connection, sessionKind);
    return Changes.of(userKind, userRows).plus(Changes.of(sessionKind, sessionRows));
  }

  // 40% inserts, 40% updates, 20% deletes: the tables grow slowly
  private Kind pick() {
    int roll = random.nextInt(10);
    return roll < 4 ? Kind.INSERT : roll < 8 ? Kind.UPDATE : Kind.DELETE;
  }

  private int changeUser(Connection connection, Kind kind) throws SQLException {
    return switch (kind) {
      case INSERT -> {
        long id = ++highestUserId;
        yield execute(
            connection,
            insertUser,
            id,
            "load" + id + "@example.com",
            "Load " + id,
            BigDecimal.valueOf(random.nextInt(100_000), 2));
      }
      case UPDATE -> execute(connection, updateUser, "Renamed " + random.nextInt(), someUserId());
      case DELETE -> execute(connection, deleteUser, someUserId());
    };
  }

  private int changeSession(Connection connection, Kind kind) throws SQLException {
    return switch (kind) {
      case INSERT -> execute(connection, insertSession, randomUuid(), someUserId(), token());
      case UPDATE -> execute(connection, updateSession, token(), randomUuid());
      case DELETE -> execute(connection, deleteSession, randomUuid());
    };
  }

  private long someUserId() {
    return 1 + random.nextLong(Math.max(1, highestUserId));
  }

  private String token() {
    return Long.toHexString(random.nextLong());
  }

  private static int execute(Connection connection, String sql, Object... args)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      return statement.executeUpdate();
    }
  }

  private UUID randomUuid() {
    return new UUID(random.nextLong(), random.nextLong());
  }
}
