package io.pgparity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the fast-start layout {@code target/pgparity/} that {@code mvn package} builds
 * (src/launcher/build.sh) through its launcher, as a user would: the same program as the fat jar,
 * with the class-data-sharing archive when it fits, and just as well, silently, without it.
 */
class LauncherProcessTests {

  private static final Path LAYOUT =
      Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
          .resolve("target")
          .resolve("pgparity")
          .toAbsolutePath();

  /** A class of pgparity's that the JVM maps from the archive rather than reads from the jar. */
  private static final String ARCHIVED =
      "io.pgparity.PgParityApplication source: shared objects file (top)";

  private static final Pattern VERSION = Pattern.compile("pgparity \\d+\\.\\d+\\.\\d+");

  private static EmbeddedPair pair;
  private static String table;

  @TempDir Path dir;

  @BeforeAll
  static void createTable() {
    pair = TestServers.pair();
    String schema = TestServers.uniqueSchema("launcher_process");
    table = schema + ".items";
    pair.execBoth(
        "CREATE TABLE "
            + table
            + " (id int PRIMARY KEY, name text);"
            + "INSERT INTO "
            + table
            + " SELECT i, 'item ' || i FROM generate_series(1, 100) i;");
  }

  @Test
  void versionRunsWithTheArchiveItWasBuiltWith() throws Exception {
    Run run = launch(LAYOUT, Map.of("JAVA_OPTS", "-Xlog:class+load=info"), "--version");
    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stdout()).as("%s", run).containsPattern(VERSION);
    // a launcher that silently lost its archive would still pass every other check here
    assertThat(run.stdout()).as("%s", run).contains(ARCHIVED);
    assertThat(run.stderr()).as("%s", run).isEmpty();
  }

  @Test
  void verifyOfAnIdenticalTableIsConsistent() throws Exception {
    Run run = launch(LAYOUT, Map.of(), verify());
    assertConsistent(run);
  }

  @Test
  void withoutItsArchiveTheLayoutRunsTheSameWithoutAWarning() throws Exception {
    Path copy = copyOfTheLayout();
    Files.delete(copy.resolve("pgparity.jsa"));

    Run version = launch(copy, Map.of("JAVA_OPTS", "-Xlog:class+load=info"), "--version");
    assertThat(version.exitCode()).as("%s", version).isZero();
    assertThat(version.stdout()).as("%s", version).doesNotContain("shared objects file (top)");
    assertThat(version.stderr()).as("%s", version).isEmpty();
    assertConsistent(launch(copy, Map.of(), verify()));
  }

  @Test
  void anArchiveThatDoesNotFitIsIgnoredWithoutAWarning() throws Exception {
    // a copied folder: Java 17 would refuse the archive (its class path is the original folder's)
    // with a warning, so the launcher leaves it out; a folder name that the shell must not split
    Path copy = copyOfTheLayout();
    Run moved = launch(copy, Map.of(), "--version");
    assertThat(moved.exitCode()).as("%s", moved).isZero();
    assertThat(moved.stderr()).as("%s", moved).isEmpty();

    // the launcher's own check passes (the folder file names this folder), the JVM's fails: the
    // archive's class path is the original folder's; the JVM's warning is silenced
    Files.writeString(copy.resolve("pgparity.jsa.folder"), copy.toRealPath() + "\n");
    Run refused = launch(copy, Map.of("JAVA_OPTS", "-Xlog:class+load=info"), "--version");
    assertThat(refused.exitCode()).as("%s", refused).isZero();
    assertThat(refused.stdout()).as("%s", refused).containsPattern(VERSION);
    assertThat(refused.stdout()).as("%s", refused).doesNotContain("shared objects file (top)");
    assertThat(refused.stderr()).as("%s", refused).isEmpty();
  }

  private void assertConsistent(Run run) throws IOException {
    assertThat(run.exitCode()).as("%s", run).isZero();
    List<String> lines = run.stdout().lines().toList();
    assertThat(lines).as("%s", run).isNotEmpty();
    String verdict = lines.get(lines.size() - 1);
    assertThat(verdict)
        .as("%s", run)
        .startsWith("CONSISTENT: 1 table, 100 rows compared, 0 divergent");
    Path folder = Path.of(verdict.substring(verdict.lastIndexOf(' ') + 1));
    assertThat(RunFiles.summary(folder).get("status").asText()).isEqualTo("CONSISTENT");
    assertThat(run.stderr()).as("%s", run).doesNotContain("warning", "Exception");
  }

  private String[] verify() {
    return new String[] {
      "verify",
      "--primary",
      pair.primaryUrl(),
      "--replica",
      pair.replicaUrl(),
      "--table",
      table,
      "--out",
      dir.resolve("out").toString()
    };
  }

  private Path copyOfTheLayout() throws IOException {
    Path copy = dir.resolve("copied layout");
    try (Stream<Path> files = Files.walk(LAYOUT)) {
      for (Path source : files.toList()) {
        Path target = copy.resolve(LAYOUT.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return copy;
  }

  /**
   * Runs {@code layout/pgparity args} with the test JVM's Java as JAVA_HOME, no inherited PG*,
   * PGPARITY_* or JAVA_OPTS variables, and {@code env} added.
   */
  private Run launch(Path layout, Map<String, String> env, String... args) throws Exception {
    Path launcher = layout.resolve("pgparity");
    assertThat(launcher).as("run the process tests with mvn verify").isExecutable();
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Map<String, String> environment = builder.environment();
    environment
        .keySet()
        .removeIf(
            name ->
                name.startsWith("PG")
                    || name.startsWith("JAVA_")
                    || name.equals("JDK_JAVA_OPTIONS"));
    environment.put("PGPASSFILE", dir.resolve(".no-such-pgpass").toString());
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
    }
    return new Run(
        command,
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  private record Run(List<String> command, int exitCode, String stdout, String stderr) {}
}
