package io.pgparity.demo;

import static io.pgparity.testing.TestServers.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.compare.DivergenceKind;
import io.pgparity.demo.IncidentSummary.TableDrift;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import io.pgparity.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The replay's summary is exactly what a full row-by-row comparison of both sides finds. */
class IncidentReplayIntegrationTests {

  private static final int USERS = 2000;

  private static EmbeddedPair pair;
  private static AuthSchema first;
  private static AuthSchema second;
  private static IncidentSummary firstSummary;
  private static IncidentSummary secondSummary;

  @BeforeAll
  static void replayTwiceWithTheSameSeed() {
    pair = TestServers.pair();
    first = new AuthSchema(TestServers.uniqueSchema("incident"));
    second = new AuthSchema(TestServers.uniqueSchema("incident"));
    for (AuthSchema schema : new AuthSchema[] {first, second}) {
      schema.install(pair, USERS);
    }
    firstSummary = new IncidentReplay(first, 7L).replay(pair);
    secondSummary = new IncidentReplay(second, 7L).replay(pair);
  }

  @AfterAll
  static void dropAll() {
    for (AuthSchema schema : new AuthSchema[] {first, second}) {
      if (schema != null) {
        pair.dropReplication(schema.publication());
        TestServers.dropSchema(schema.users().schema());
      }
    }
  }

  @Test
  void summaryMatchesAFullComparisonOfUsers() {
    TableDrift expected = firstSummary.table(first.users());
    assertThat(expected.rows()).isEqualTo(fullComparison(first.users()));
    // the two password resets, the balance and the e-mail drift, plus logins on the primary
    assertThat(expected.changed()).isGreaterThan(100);
    assertThat(expected.missingOnReplica() + expected.extraOnReplica()).isZero();
  }

  @Test
  void summaryMatchesAFullComparisonOfSessions() {
    TableDrift expected = firstSummary.table(first.sessions());
    assertThat(expected.rows()).isEqualTo(fullComparison(first.sessions()));
    assertThat(expected.missingOnReplica()).isGreaterThan(200);
    assertThat(expected.extraOnReplica()).isGreaterThan(50);
    assertThat(expected.changed()).isGreaterThan(100);
  }

  @Test
  void driftsThatAreEqualUnderLooseComparisonAreStillThere() {
    String users = SqlIdentifier.quote(first.users());
    // citext compares case-insensitively and numeric by value, yet the stored text differs
    assertThat(
            query(
                pair.replica(),
                "SELECT count(*) FROM " + users + " WHERE email::text <> lower(email::text)"))
        .isEqualTo("1");
    assertThat(query(pair.replica(), "SELECT count(*) FROM " + users + " WHERE scale(balance) = 1"))
        .isEqualTo("1");
    assertThat(
            query(
                pair.replica(),
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = '"
                    + users.replace("'", "''")
                    + "'::regclass AND attname = 'email'"))
        .isEqualTo("citext");
  }

  @Test
  void replicationStaysPausedAfterTheReplay() {
    assertThat(
            query(
                pair.replica(),
                "SELECT subenabled::text FROM pg_subscription WHERE subname = '"
                    + first.publication()
                    + "'"))
        .isEqualTo("false");
  }

  @Test
  void theSameSeedGivesTheSameIncidentOnTheSameData() {
    assertThat(rowTexts(pair.primary(), first.users()))
        .isEqualTo(rowTexts(pair.primary(), second.users()));
    assertThat(rowTexts(pair.primary(), first.sessions()))
        .isEqualTo(rowTexts(pair.primary(), second.sessions()));
    for (int i = 0; i < 2; i++) {
      assertThat(secondSummary.tables().get(i).rows())
          .isEqualTo(firstSummary.tables().get(i).rows());
    }
  }

  /** Both sides fetched whole by key and compared as row text. */
  private static Map<String, DivergenceKind> fullComparison(TableRef table) {
    Map<String, String> primary = rowTexts(pair.primary(), table);
    Map<String, String> replica = rowTexts(pair.replica(), table);
    assertThat(primary).hasSizeGreaterThan(USERS - 1);
    Map<String, DivergenceKind> found = new HashMap<>();
    TreeSet<String> keys = new TreeSet<>(primary.keySet());
    keys.addAll(replica.keySet());
    for (String key : keys) {
      String onPrimary = primary.get(key);
      String onReplica = replica.get(key);
      if (onReplica == null) {
        found.put(key, DivergenceKind.MISSING_ON_REPLICA);
      } else if (onPrimary == null) {
        found.put(key, DivergenceKind.EXTRA_ON_REPLICA);
      } else if (!onPrimary.equals(onReplica)) {
        found.put(key, DivergenceKind.CHANGED);
      }
    }
    return found;
  }

  private static Map<String, String> rowTexts(DataSource dataSource, TableRef table) {
    Map<String, String> rows = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT id::text, t::text FROM " + SqlIdentifier.quote(table) + " t ORDER BY id")) {
      while (result.next()) {
        rows.put(result.getString(1), result.getString(2));
      }
    } catch (SQLException e) {
      throw new AssertionError(table + ": " + e.getMessage(), e);
    }
    return rows;
  }
}
