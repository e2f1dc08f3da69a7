package io.pgparity.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tearing down embedded servers: stopping one without letting a failure hide the others, and
 * deleting their data folders. Shared by the demo pair and the tests' physical standby.
 */
public final class EmbeddedServers {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);

  private EmbeddedServers() {}

  /** Stops the server (null is fine); a failure is logged, not thrown. */
  public static void stopQuietly(EmbeddedPostgres server) {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      log.warn(
          "Could not stop embedded PostgreSQL on port {}: {}", server.getPort(), e.getMessage());
    }
  }

  /** Deletes a folder and everything in it (null or missing is fine); a failure is logged. */
  public static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", root, e.getMessage());
    }
  }
}
