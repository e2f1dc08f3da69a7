package io.pgparity.config.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgjdbc's Driver reads a password file by itself when a connection has no password. A file that
 * {@link PasswordResolver} refuses for its permissions (libpq's rule) must not reach the server
 * that way: after {@code resolve}, the driver finds no password, even when its own lookup is
 * pointed straight at that file.
 */
class DriverPasswordFileIntegrationTests {

  private static final String PASSWORD = "pgpass-only-secret";

  @TempDir Path home;

  private EmbeddedPair pair;
  private Path hba;
  private String originalHba;
  private String role;

  @BeforeEach
  void requirePasswordForARole() throws Exception {
    pair = TestServers.pair();
    String hbaFile = TestServers.query(pair.primary(), "SELECT current_setting('hba_file')");
    hba = Path.of(hbaFile);
    Assumptions.assumeTrue(Files.isWritable(hba), "pg_hba.conf is not a local file: " + hbaFile);
    role = TestServers.uniqueSchema("pgpass") + "_role";
    TestServers.exec(pair.primary(), "CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
    originalHba = Files.readString(hba);
    Files.writeString(hba, "host all " + role + " all scram-sha-256\n" + originalHba);
    TestServers.exec(pair.primary(), "SELECT pg_reload_conf()");
    awaitPasswordRequired();
  }

  @AfterEach
  void restore() throws Exception {
    System.clearProperty(PasswordResolver.DRIVER_PASSWORD_FILE_PROPERTY);
    if (originalHba != null) {
      Files.writeString(hba, originalHba);
      TestServers.exec(pair.primary(), "SELECT pg_reload_conf(); DROP ROLE IF EXISTS " + role);
    }
  }

  @Test
  void aPasswordFileOpenToOthersReachesNeitherTheResolverNorTheDriver() throws Exception {
    Path pgpass = passwordFile("rw-r--r--");
    // the driver's own lookup aimed at that file, as ~/.pgpass or PGPASSFILE would aim it
    System.setProperty(PasswordResolver.DRIVER_PASSWORD_FILE_PROPERTY, pgpass.toString());
    assertThat(connectWithoutPassword()).as("the driver reads the file by itself").isTrue();

    ConnectionSpec spec =
        new PasswordResolver(Map.of("PGPASSFILE", pgpass.toString()), home)
            .resolve(new ConnectionSpec(url(), null));

    assertThat(spec.password()).as("refused for its permissions").isNull();
    assertThatThrownBy(this::connectWithoutPassword)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password");
  }

  @Test
  void aPrivatePasswordFileStillGivesThePassword() throws Exception {
    Path pgpass = passwordFile("rw-------");

    ConnectionSpec spec =
        new PasswordResolver(Map.of("PGPASSFILE", pgpass.toString()), home)
            .resolve(new ConnectionSpec(url(), null));

    assertThat(spec.password()).isEqualTo(PASSWORD);
    Properties properties = new Properties();
    properties.setProperty("password", spec.password());
    DriverManager.getConnection(spec.url(), properties).close();
  }

  private Path passwordFile(String permissions) throws Exception {
    Path pgpass = home.resolve("pgpass");
    Files.writeString(pgpass, "*:*:*:" + role + ":" + PASSWORD + "\n");
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString(permissions));
    return pgpass;
  }

  private String url() {
    return pair.primaryUrl().replaceAll("\\?.*$", "") + "?user=" + role;
  }

  /** True when the server let the role in without a password given. */
  private boolean connectWithoutPassword() throws SQLException {
    try (Connection ignored = DriverManager.getConnection(url(), new Properties())) {
      return true;
    }
  }

  private void awaitPasswordRequired() throws Exception {
    Properties wrong = new Properties();
    wrong.setProperty("password", "wrong");
    for (int attempt = 0; attempt < 50; attempt++) {
      try (Connection ignored = DriverManager.getConnection(url(), wrong)) {
        Thread.sleep(100); // the reload has not reached the postmaster yet
      } catch (SQLException e) {
        assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("28P01");
        return;
      }
    }
    throw new AssertionError("the primary still accepts any password for " + role);
  }
}
