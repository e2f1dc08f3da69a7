package io.pgparity.config.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the password for a connection that has none in ~/.pgpass (or $PGPASSFILE), with libpq's
 * format and rules, so checks can run unattended without secrets in job files or command lines.
 *
 * <p>Why not pgjdbc's own reader ({@code org.postgresql.jdbcurlresolver.PgPassParser}, 42.7): it
 * chooses the file itself (system property {@code org.postgresql.pgpassfile}, then the process's
 * PGPASSFILE, then ~/.pgpass; URLs too), so neither an injected environment nor our permission
 * check would be sure to see the file it reads; it checks no permissions at all, where libpq
 * ignores a file that group or others may read; a backslash escapes only {@code \} and {@code :},
 * so {@code \*} is not a literal star; and it is handed a multi-host URL's hosts as one
 * comma-joined host, where libpq and we try each host. Note that pgjdbc's Driver consults it
 * whenever a connection has no password, so a file this class refuses for its permissions would
 * still be read by the driver: {@link #resolve} therefore points the driver's own lookup at an
 * empty file first, so the password file is read here, with the permission check, or not at all.
 */
public final class PasswordResolver {

  private static final Logger log = LoggerFactory.getLogger(PasswordResolver.class);

  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&\\s'\"]*");
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  /** pgjdbc's system property that names the password file its Driver reads by itself. */
  static final String DRIVER_PASSWORD_FILE_PROPERTY = "org.postgresql.pgpassfile";

  /** An empty file on every POSIX system: the driver finds no line in it, so no password. */
  static final String NO_PASSWORD_FILE = "/dev/null";

  private final Path passFile;
  private final String defaultUser;

  /**
   * {@code env} may name the file in PGPASSFILE; otherwise it is {@code home}/.pgpass. A URL
   * without {@code user=} connects as this process's user (pgjdbc's default, the Java system
   * property user.name, like libpq's), so that is the user looked up.
   */
  public PasswordResolver(Map<String, String> env, Path home) {
    this(env, home, System.getProperty("user.name"));
  }

  /** For tests: {@code defaultUser} stands for the process's user. */
  PasswordResolver(Map<String, String> env, Path home, String defaultUser) {
    String override = env.get("PGPASSFILE");
    this.passFile =
        override != null && !override.isEmpty() ? Path.of(override) : home.resolve(".pgpass");
    this.defaultUser = defaultUser;
  }

  /** The resolver for this process: its environment and the user's home folder. */
  public static PasswordResolver forCurrentUser() {
    return new PasswordResolver(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * The spec with a password from the password file when it has none, neither set nor in its URL,
   * and a line matches; otherwise the spec unchanged.
   */
  public ConnectionSpec resolve(ConnectionSpec spec) {
    // every connection pgparity opens has its spec resolved here first; from now on the driver
    // never reads ~/.pgpass or $PGPASSFILE behind this class's permission check
    System.setProperty(DRIVER_PASSWORD_FILE_PROPERTY, NO_PASSWORD_FILE);
    if (spec.password() != null || hasPasswordParameter(spec.url())) {
      return spec;
    }
    JdbcUrlParts url = JdbcUrlParts.parse(spec.url());
    String user = url.user() == null || url.user().isEmpty() ? defaultUser : url.user();
    if (user == null || user.isEmpty()) {
      log.debug("No user= in {} and no user.name; not looking in {}", redact(spec.url()), passFile);
      return spec;
    }
    Optional<List<String>> lines = readablePassFile();
    if (lines.isEmpty()) {
      return spec;
    }
    // libpq defaults the database to the user name; pgjdbc leaves that default to the server
    String database = url.database().isEmpty() ? user : url.database();
    for (JdbcUrlParts.HostPort address : url.hosts()) {
      List<String> wanted = List.of(address.host(), address.port(), database, user);
      for (int i = 0; i < lines.get().size(); i++) {
        Optional<String> password = PgpassLine.match(lines.get().get(i), wanted);
        if (password.isPresent()) {
          log.debug("Password for {} from {} line {}", redact(spec.url()), passFile, i + 1);
          return spec.withPassword(password.get());
        }
      }
    }
    log.debug("No line in {} matches {}", passFile, redact(spec.url()));
    return spec;
  }

  /** Whether a pgjdbc URL carries its own password= parameter. */
  public static boolean hasPasswordParameter(String jdbcUrl) {
    return jdbcUrl != null
        && JdbcUrlParts.parse(jdbcUrl).parameters().keySet().stream()
            .anyMatch(name -> name.equalsIgnoreCase("password"));
  }

  /** The URL (or any text) with the value of each {@code password=} replaced by {@code ***}. */
  public static String redact(String jdbcUrl) {
    return jdbcUrl == null ? null : PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
  }

  /** The file's lines, or empty when it is absent, not a plain file or open to others. */
  private Optional<List<String>> readablePassFile() {
    if (!Files.exists(passFile)) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(passFile)) {
      log.warn("Password file {} is not a plain file; ignoring it", passFile);
      return Optional.empty();
    }
    try {
      if (!disjoint(Files.getPosixFilePermissions(passFile))) {
        log.warn(
            "Password file {} has group or world access; permissions should be u=rw (0600) or"
                + " less (chmod 600 {}); ignoring it",
            passFile,
            passFile);
        return Optional.empty();
      }
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: libpq does not check permissions there either
    } catch (IOException e) {
      log.warn("Cannot read the permissions of {}: {}; ignoring it", passFile, e.toString());
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllLines(passFile));
    } catch (IOException e) {
      log.warn("Cannot read password file {}: {}; ignoring it", passFile, e.toString());
      return Optional.empty();
    }
  }

  private static boolean disjoint(Set<PosixFilePermission> permissions) {
    return permissions.stream().noneMatch(GROUP_OR_OTHERS::contains);
  }
}
