package io.pgparity.testing;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The system's pg_basebackup, which the embedded binaries lack, run against a local server. */
record PgBaseBackup(Path binary) {

  private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
  private static final long TIMEOUT_SECONDS = 180;

  PgBaseBackup {
    checkArgument(Files.isExecutable(binary), "%s is not an executable file", binary);
  }

  /**
   * Finds {@code pg_basebackup} on the PATH, else under /usr/lib/postgresql/VERSION/bin (highest
   * version first); throws {@link IllegalStateException} saying how to install it when missing.
   */
  static PgBaseBackup locate() {
    return onPath()
        .or(PgBaseBackup::underDebianVersions)
        .map(PgBaseBackup::new)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "pg_basebackup not found on PATH nor under "
                        + DEBIAN_VERSIONS
                        + "/*/bin; a physical standby needs it: install Debian's"
                        + " postgresql-client-15 (.ci/run does so when it is missing)"));
  }

  private static Optional<Path> onPath() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .filter(folder -> !folder.isEmpty())
        .map(folder -> Path.of(folder, "pg_basebackup"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static Optional<Path> underDebianVersions() {
    if (!Files.isDirectory(DEBIAN_VERSIONS)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
      List<Path> candidates =
          versions
              .map(version -> version.resolve("bin").resolve("pg_basebackup"))
              .filter(Files::isExecutable)
              .sorted(Comparator.comparing(PgBaseBackup::majorVersion).reversed())
              .toList();
      return candidates.stream().findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + DEBIAN_VERSIONS, e);
    }
  }

  private static int majorVersion(Path binary) {
    String folder = binary.getParent().getParent().getFileName().toString();
    return folder.matches("\\d{1,4}") ? Integer.parseInt(folder) : 0;
  }

  /**
   * Copies the server on localhost:{@code port} into the new folder {@code target} with the WAL
   * streamed alongside, a standby.signal and the primary_conninfo (-R), through a new physical
   * replication slot {@code slot} that keeps the primary's WAL while the standby is away.
   */
  void copy(int port, String slot, Path target) {
    checkArgument(port > 0 && port < 65536, "port must be 1..65535 but was %s", port);
    checkArgument(
        slot.matches("[a-z0-9_]{1,63}"), "slot must match [a-z0-9_]{1,63} but was '%s'", slot);
    checkArgument(!Files.exists(target), "%s must not exist yet", target);
    Path output = target.resolveSibling(target.getFileName() + ".basebackup.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                binary.toString(),
                "-D",
                target.toString(),
                "-R",
                "-X",
                "stream",
                "-c",
                "fast",
                "-C",
                "-S",
                slot,
                "-h",
                "localhost",
                "-p",
                Integer.toString(port),
                "-U",
                "postgres",
                "--no-password")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    // an application_name from the environment would end up in the standby's primary_conninfo
    builder.environment().remove("PGAPPNAME");
    try {
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            binary + " did not finish within " + TIMEOUT_SECONDS + " s: " + read(output));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            binary + " failed with exit code " + process.exitValue() + ": " + read(output));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + binary + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + binary, e);
    }
  }

  private static String read(Path output) {
    try {
      return Files.readString(output, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
