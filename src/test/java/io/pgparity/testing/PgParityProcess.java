package io.pgparity.testing;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code target/pgparity.jar} in a real JVM, as a user's shell would, so tests
 * see the true exit code and the true split between stdout and stderr.
 */
public final class PgParityProcess {

  /** The jar {@code mvn package} builds; failsafe runs after package, in the project folder. */
  public static final Path JAR =
      Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
          .resolve("target")
          .resolve("pgparity.jar")
          .toAbsolutePath();

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final Path workingDir;
  private final Map<String, String> env;
  private final Duration timeout;

  private PgParityProcess(Path workingDir, Map<String, String> env, Duration timeout) {
    this.workingDir = checkNotNull(workingDir, "workingDir");
    this.env = Map.copyOf(env);
    this.timeout = checkNotNull(timeout, "timeout");
  }

  /** Runs in {@code workingDir} with no extra environment and a 60 s timeout. */
  public static PgParityProcess in(Path workingDir) {
    return new PgParityProcess(workingDir, Map.of(), DEFAULT_TIMEOUT);
  }

  /** This process with these variables set (added to what the helper keeps of the test JVM's). */
  public PgParityProcess withEnv(Map<String, String> variables) {
    return new PgParityProcess(workingDir, variables, timeout);
  }

  /** This process with another limit; a run that exceeds it is killed and fails the test. */
  public PgParityProcess withTimeout(Duration limit) {
    return new PgParityProcess(workingDir, env, limit);
  }

  /**
   * Runs {@code java -Xmx256m -jar target/pgparity.jar args...} and waits for it. The inherited PG*
   * and PGPARITY_* variables are dropped and PGPASSFILE points at a file that does not exist, so
   * neither the developer's shell nor ~/.pgpass can change what a test sees.
   */
  public Result run(String... args) {
    return execute(java(args), args);
  }

  /**
   * Runs the same command on a pseudo-terminal, as in an interactive shell: util-linux {@code
   * script -qec COMMAND /dev/null}. The terminal merges stdout and stderr, so the result's stdout
   * holds both (with the terminal's CR LF line ends) and its stderr is empty.
   */
  public Result runOnTerminal(String... args) {
    String command =
        String.join(" ", java(args).stream().map(PgParityProcess::shellQuoted).toList());
    return execute(List.of("script", "-qec", command, "/dev/null"), args);
  }

  /**
   * Starts the same command without waiting for it, its output going to {@code stdout} and {@code
   * stderr}: for tests that act on a run while it runs (a second run, SIGTERM, kill -9).
   */
  public Process start(Path stdout, Path stderr, String... args) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(java(args))
            .directory(workingDir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    isolate(builder.environment());
    Process process = builder.start();
    process.getOutputStream().close(); // stdin: pgparity never reads it
    return process;
  }

  /**
   * Waits until {@code log} holds {@code text} {@code times} times; fails the test if the process
   * ends first or {@code within} passes, showing the log.
   */
  public static void awaitLog(Process process, Path log, String text, int times, Duration within)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (read(log).split(java.util.regex.Pattern.quote(text), -1).length - 1 < times) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "the run ended before '" + text + "' was logged " + times + " time(s):\n" + read(log));
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "'" + text + "' not logged " + times + " time(s) within " + within + ":\n" + read(log));
      }
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
  }

  /** Drops the inherited PG* variables and points PGPASSFILE nowhere, then adds this process's. */
  private void isolate(Map<String, String> environment) {
    environment.keySet().removeIf(name -> name.startsWith("PG"));
    environment.put("PGPASSFILE", workingDir.resolve(".no-such-pgpass").toString());
    environment.putAll(env);
  }

  private static String shellQuoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static List<String> java(String... args) {
    checkArgument(
        Files.isRegularFile(JAR), "%s is missing; run the process tests with mvn verify", JAR);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    // a run lasts seconds: C1 alone and the serial collector halve the CPU a start costs on a
    // small CI machine, and change nothing pgparity does
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    return command;
  }

  private Result execute(List<String> command, String... args) {
    try {
      Path stdout = Files.createTempFile("pgparity-stdout-", ".txt");
      Path stderr = Files.createTempFile("pgparity-stderr-", ".txt");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        isolate(builder.environment());
        Process process = builder.start();
        process.getOutputStream().close(); // stdin: pgparity never reads it
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
          throw new AssertionError(
              "pgparity "
                  + String.join(" ", args)
                  + " did not finish within "
                  + timeout
                  + "\nstdout:\n"
                  + read(stdout)
                  + "\nstderr:\n"
                  + read(stderr));
        }
        return new Result(List.of(args), process.exitValue(), read(stdout), read(stderr));
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** What one run produced; {@link #toString()} shows it all, for assertion messages. */
  public record Result(List<String> args, int exitCode, String stdout, String stderr) {

    public List<String> stdoutLines() {
      return stdout.lines().toList();
    }

    public List<String> stderrLines() {
      return stderr.lines().toList();
    }

    /** The last line on stdout, where verify prints its verdict; empty if there is none. */
    public String lastLine() {
      List<String> lines = stdoutLines();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Override
    public String toString() {
      return "pgparity "
          + String.join(" ", args)
          + "\nexit code: "
          + exitCode
          + "\n--- stdout ---\n"
          + stdout
          + "--- stderr ---\n"
          + stderr;
    }
  }
}
