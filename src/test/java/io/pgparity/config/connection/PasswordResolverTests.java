package io.pgparity.config.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class PasswordResolverTests {

  private static final String URL = "jdbc:postgresql://db1.example.com:5432/app?user=checker";

  @TempDir Path home;

  @Test
  void takesThePasswordOfTheFirstMatchingLine() throws IOException {
    pgpass(
        """
        # production
        db2.example.com:5432:app:checker:other-host
        db1.example.com:5433:app:checker:other-port
        db1.example.com:5432:auth:checker:other-database
        db1.example.com:5432:app:admin:other-user
        db1.example.com:5432:app:checker:right
        db1.example.com:5432:app:checker:too-late
        """);

    assertThat(password(URL)).isEqualTo("right");
  }

  @Test
  void starMatchesAnyValueOfItsField() throws IOException {
    pgpass("*:*:app:checker:any-host-and-port\n");
    assertThat(password(URL)).isEqualTo("any-host-and-port");

    pgpass("db1.example.com:5432:*:*:any-database-and-user\n");
    assertThat(password(URL)).isEqualTo("any-database-and-user");

    pgpass("*:*:*:*:anything\n");
    assertThat(password("jdbc:postgresql://[::1]:6000/x?user=u")).isEqualTo("anything");
  }

  @Test
  void defaultsPortTo5432DatabaseToTheUserAndHostToLocalhost() throws IOException {
    pgpass("localhost:5432:checker:checker:defaults\n");

    assertThat(password("jdbc:postgresql://localhost/?user=checker")).isEqualTo("defaults");
    assertThat(password("jdbc:postgresql:checker?user=checker")).isEqualTo("defaults");
    assertThat(password("jdbc:postgresql://:5432/checker?user=checker")).isEqualTo("defaults");
  }

  @Test
  void unescapesBackslashColonAndBackslashBackslash() throws IOException {
    pgpass(
        """
        \\:\\:1:5432:app:checker:ipv6
        db1.example.com:5432:app:checker:pa\\:ss\\\\word:with:colons
        """);

    assertThat(password("jdbc:postgresql://[::1]:5432/app?user=checker")).isEqualTo("ipv6");
    assertThat(password(URL)).isEqualTo("pa:ss\\word:with:colons");
  }

  @Test
  void anEscapedStarIsALiteralStar() throws IOException {
    pgpass("\\*:5432:app:checker:literal\n");

    assertThat(password(URL)).isNull();
    assertThat(password("jdbc:postgresql://*:5432/app?user=checker")).isEqualTo("literal");
  }

  @Test
  void ignoresShortLinesEmptyPasswordsAndWindowsLineEnds() throws IOException {
    pgpass("db1.example.com:5432:app\r\ndb1.example.com:5432:app:checker:\r\n*:*:*:*:crlf\r\n");

    assertThat(password(URL)).isEqualTo("crlf");
  }

  @Test
  void triesEachHostOfAMultiHostUrl() throws IOException {
    pgpass("db2:5433:app:checker:second\n");

    assertThat(
            password("jdbc:postgresql://db1:5432,db2:5433/app?user=checker&targetServerType=any"))
        .isEqualTo("second");
  }

  @Test
  void decodesPercentEncodedUrlParts() throws IOException {
    pgpass("db1:5432:my db:user@corp:decoded\n");

    assertThat(password("jdbc:postgresql://db1/my%20db?user=user%40corp")).isEqualTo("decoded");
  }

  @Test
  void leavesSpecsThatAlreadyHavePasswordsAlone() throws IOException {
    pgpass("*:*:*:*:from-file\n");
    PasswordResolver resolver = resolver(Map.of());

    ConnectionSpec given = new ConnectionSpec(URL, "given");
    assertThat(resolver.resolve(given)).isSameAs(given);
    ConnectionSpec inUrl = new ConnectionSpec(URL + "&password=in-url", null);
    assertThat(resolver.resolve(inUrl)).isSameAs(inUrl);
  }

  @Test
  void aUrlWithoutUserLooksUpTheProcesssUserAsTheDriverConnectsAsIt() throws IOException {
    pgpass("db1:5432:app:checker:wrong-user\ndb1:5432:app:osuser:right\n");
    PasswordResolver resolver = new PasswordResolver(Map.of(), home, "osuser");

    assertThat(resolver.resolve(new ConnectionSpec("jdbc:postgresql://db1/app", null)).password())
        .isEqualTo("right");
    assertThat(resolver.resolve(new ConnectionSpec("jdbc:postgresql://db1/", null)).password())
        .as("the database defaults to the user too")
        .isNull();
  }

  @Test
  void noFileOrNoMatchMeansNoPassword() throws IOException {
    assertThat(password(URL)).as("no ~/.pgpass").isNull();

    pgpass("other:5432:app:checker:x\n");
    assertThat(password(URL)).isNull();
  }

  @Test
  void pgpassfileOverridesTheHomeFolder(@TempDir Path elsewhere) throws IOException {
    pgpass("*:*:*:*:home\n");
    Path file = elsewhere.resolve("passwords");
    Files.writeString(file, "*:*:*:*:from-pgpassfile\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    ConnectionSpec resolved =
        resolver(Map.of("PGPASSFILE", file.toString())).resolve(new ConnectionSpec(URL, null));

    assertThat(resolved.password()).isEqualTo("from-pgpassfile");
  }

  @Test
  void ignoresAFileThatGroupOrOthersMayRead(CapturedOutput output) throws IOException {
    Path file = pgpass("*:*:*:*:exposed\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(password(URL)).isNull();
    assertThat(output.getAll())
        .contains("WARN")
        .contains("Password file " + file + " has group or world access");

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
    assertThat(password(URL)).isNull();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    assertThat(password(URL)).isEqualTo("exposed");
  }

  @Test
  void redactsThePasswordParameter() {
    assertThat(
            PasswordResolver.redact("jdbc:postgresql://db/app?user=u&password=s3cr%26t&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/app?user=u&password=***&ssl=true");
    assertThat(PasswordResolver.redact("jdbc:postgresql://db/app?PASSWORD=x"))
        .isEqualTo("jdbc:postgresql://db/app?PASSWORD=***");
    assertThat(PasswordResolver.redact("jdbc:postgresql://db/app?user=u"))
        .isEqualTo("jdbc:postgresql://db/app?user=u");
    assertThat(PasswordResolver.redact(null)).isNull();
  }

  @Test
  void detectsAPasswordParameterButNotOtherParametersEndingInPassword() {
    assertThat(PasswordResolver.hasPasswordParameter("jdbc:postgresql://db/app?password=x"))
        .isTrue();
    assertThat(PasswordResolver.hasPasswordParameter("jdbc:postgresql://db/app?user=u&Password="))
        .isTrue();
    assertThat(PasswordResolver.hasPasswordParameter("jdbc:postgresql://db/app?sslpassword=x"))
        .isFalse();
  }

  private Path pgpass(String content) throws IOException {
    Path file = home.resolve(".pgpass");
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private PasswordResolver resolver(Map<String, String> env) {
    return new PasswordResolver(env, home);
  }

  private String password(String url) {
    return resolver(Map.of()).resolve(new ConnectionSpec(url, null)).password();
  }
}
