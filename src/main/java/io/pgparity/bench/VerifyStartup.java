package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.table.TableRef;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixed start-up of a verify process: {@code java -jar pgparity.jar verify} of one small table
 * as a process of its own, from launch to exit, and its parts as its log lines date them. The child
 * runs with Spring Boot's start-up line on and Spring's SQL script runner at DEBUG, which add four
 * log lines and nothing else: "Starting ..." when the Spring context starts, "Executed SQL script
 * ... schema-h2.sql in N ms" for the job repository's schema, "Started ... in N seconds" when the
 * context is ready.
 */
final class VerifyStartup {

  /**
   * One launch: wall seconds from launch to exit, and its parts, NaN when a log line was missing.
   * {@code toContext}: launch to the Spring context's start (JVM start, class loading, the command
   * line, the job definition). {@code context}: Spring's context start as Spring Boot reports it,
   * {@code schemaMillis} of it creating the job repository's schema. {@code afterContext}: context
   * ready to exit (the verify job on one table, the reports, the JVM's exit).
   */
  record Launch(
      double seconds, double toContext, double context, double schemaMillis, double afterContext) {}

  /** The main class of the jar when not run from it (tests run from classes on a class path). */
  static final String MAIN_CLASS = "io.pgparity.PgParityApplication";

  static final List<String> LOG_PROPERTIES =
      List.of(
          "-Dspring.main.log-startup-info=true",
          "-Dlogging.level.org.springframework.jdbc.datasource.init.ScriptUtils=DEBUG");

  private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");
  private static final Pattern SCHEMA =
      Pattern.compile("Executed SQL script from .*schema-[a-z0-9]+\\.sql\\] in ([0-9]+) ms");
  private static final long TIMEOUT_MINUTES = 3;

  private final List<String> javaCommand;
  private final String primaryUrl;
  private final String replicaUrl;
  private final Path out;

  VerifyStartup(List<String> javaCommand, String primaryUrl, String replicaUrl, Path out) {
    this.javaCommand = List.copyOf(javaCommand);
    this.primaryUrl = checkNotNull(primaryUrl, "primaryUrl");
    this.replicaUrl = checkNotNull(replicaUrl, "replicaUrl");
    this.out = checkNotNull(out, "out");
  }

  /**
   * How this JVM was started, to start pgparity again: {@code java -jar <jar>} when it runs from
   * pgparity's jar, otherwise {@code java -cp <class path> <main class>}.
   */
  static List<String> thisJava() {
    String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("java.class.path");
    if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
      try (JarFile jar = new JarFile(classPath)) {
        // Spring Boot's executable jar names the application's own main class Start-Class
        if (jar.getManifest() != null
            && jar.getManifest().getMainAttributes().getValue("Start-Class") != null) {
          return List.of(javaBinary, "-jar", classPath);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + classPath + ": " + e.getMessage(), e);
      }
    }
    return List.of(javaBinary, "-cp", classPath, MAIN_CLASS);
  }

  /** Launches verify of {@code table} and waits for it; throws unless it exits CONSISTENT. */
  Launch run(TableRef table, long rows) {
    List<String> command = new ArrayList<>();
    command.add(javaCommand.get(0));
    command.addAll(LOG_PROPERTIES);
    command.addAll(javaCommand.subList(1, javaCommand.size()));
    command.addAll(
        List.of(
            "verify",
            "--primary",
            primaryUrl,
            "--replica",
            replicaUrl,
            "--table",
            table.toString(),
            "--out",
            out.toString()));
    try {
      Path stdout = Files.createTempFile("pgparity-bench-startup", ".out");
      Path stderr = Files.createTempFile("pgparity-bench-startup", ".err");
      try {
        long launchedAt = System.currentTimeMillis();
        long started = System.nanoTime();
        Process process =
            new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new BenchCheckException(
              "the start-up verify process did not end within " + TIMEOUT_MINUTES + " minutes");
        }
        long exitedAt = System.currentTimeMillis();
        double seconds = (System.nanoTime() - started) / 1e9;
        String printed = Files.readString(stdout, UTF_8);
        String log = Files.readString(stderr, UTF_8);
        String expected = "CONSISTENT: 1 table, " + rows + " rows compared, 0 divergent";
        if (process.exitValue() != 0 || !printed.contains(expected)) {
          throw new BenchCheckException(
              String.format(
                  "the start-up verify process of %s should exit 0 and print \"%s\" but exited %d"
                      + " and printed: %s%s",
                  table,
                  expected,
                  process.exitValue(),
                  printed.strip(),
                  log.isBlank() ? "" : "; its log ends: " + tail(log)));
        }
        return parts(seconds, launchedAt, exitedAt, log);
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the start-up process", e);
    }
  }

  /** The parts of one launch from its log; a part whose line is missing is NaN. */
  static Launch parts(double seconds, long launchedAt, long exitedAt, String log) {
    double toContext = Double.NaN;
    double context = Double.NaN;
    double schema = Double.NaN;
    double afterContext = Double.NaN;
    for (String line : log.split("\n", -1)) {
      if (Double.isNaN(toContext) && line.contains(": Starting ")) {
        toContext =
            millis(line).stream().map(t -> (t - launchedAt) / 1e3).findFirst().orElse(Double.NaN);
      }
      Matcher started = STARTED.matcher(line);
      if (Double.isNaN(context) && started.find()) {
        context = Double.parseDouble(started.group(1));
        afterContext =
            millis(line).stream().map(t -> (exitedAt - t) / 1e3).findFirst().orElse(Double.NaN);
      }
      Matcher schemaLine = SCHEMA.matcher(line);
      if (Double.isNaN(schema) && schemaLine.find()) {
        schema = Double.parseDouble(schemaLine.group(1));
      }
    }
    return new Launch(seconds, toContext, context, schema, afterContext);
  }

  // the text log pattern starts with the UTC time, e.g. 2026-12-03T19:33:06.625Z
  private static OptionalDouble millis(String line) {
    int space = line.indexOf(' ');
    if (space < 0) {
      return OptionalDouble.empty();
    }
    try {
      return OptionalDouble.of(Instant.parse(line.substring(0, space)).toEpochMilli());
    } catch (DateTimeParseException e) {
      return OptionalDouble.empty();
    }
  }

  private static String tail(String log) {
    String stripped = log.strip();
    return stripped.length() <= 600
        ? stripped
        : "\u2026" + stripped.substring(stripped.length() - 600);
  }
}
