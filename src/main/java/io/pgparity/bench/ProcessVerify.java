package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.report.SummaryJson;
import io.pgparity.table.TableRef;
import io.pgparity.verdict.ExitCode;
import io.pgparity.verdict.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;

/**
 * One timed verify as users wait for it: a new process started with the launch command, {@code
 * verify --primary URL --replica URL --table T --out DIR --fresh} (and {@code --no-lag-wait} for
 * plain runs), from launch to exit. Each launch gets a folder of its own under the bench's output
 * folder, so its run folder is the one summary.json in it; the job's own time is that summary's
 * {@code startedAt} to {@code finishedAt}, the time verify itself reports.
 */
final class ProcessVerify implements VerifyRuns {

  /** A verify of 10M rows on a busy laptop takes minutes; a hung one must not hang the bench. */
  private static final Duration TIMEOUT = Duration.ofHours(2);

  private final List<String> launch;
  private final String primaryUrl;
  private final String replicaUrl;
  private final Path out;
  private int launches;

  ProcessVerify(List<String> launch, String primaryUrl, String replicaUrl, Path out) {
    checkArgument(!launch.isEmpty(), "the launch command is empty");
    this.launch = List.copyOf(launch);
    this.primaryUrl = checkNotNull(primaryUrl, "primaryUrl");
    this.replicaUrl = checkNotNull(replicaUrl, "replicaUrl");
    this.out = checkNotNull(out, "out");
  }

  @Override
  public String launchedAs() {
    return new LaunchCommand(launch) + " verify \u2026";
  }

  /** The whole command line of one launch. */
  List<String> command(TableRef table, VerifyMode mode, Path folder) {
    List<String> command = new ArrayList<>(launch);
    command.addAll(
        List.of(
            "verify",
            "--primary",
            primaryUrl,
            "--replica",
            replicaUrl,
            "--table",
            table.unambiguous(),
            "--out",
            folder.toString(),
            // a timed round never takes over an aborted round's hashing
            "--fresh"));
    if (mode == VerifyMode.PLAIN) {
      command.add("--no-lag-wait");
    }
    return command;
  }

  @Override
  public TimedVerify.Round run(
      TableRef table, BenchCase expected, VerifyMode mode, InjectedDrift injected) {
    String run = String.format("%s verify of %s (%s)", mode.label(), table, expected.label());
    Path folder;
    try {
      Files.createDirectories(out);
      folder = Files.createTempDirectory(out.toAbsolutePath(), "verify-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a run folder under " + out, e);
    }
    List<String> command = command(table, mode, folder);
    Path stdout = folder.resolve("stdout.txt");
    Path stderr = folder.resolve("stderr.txt");
    double seconds;
    int exit;
    try {
      long started = System.nanoTime();
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      try {
        if (!process.waitFor(TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
          throw new BenchCheckException(
              run + " did not end within " + TIMEOUT.toMinutes() + " min");
        }
      } finally {
        // also when the bench is interrupted (Ctrl-C): no verify may outlive it
        process.destroyForcibly();
      }
      seconds = (System.nanoTime() - started) / 1e9;
      exit = process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot run " + PasswordResolver.redact(String.join(" ", launch)) + ": " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + run, e);
    }
    launches++;
    String printed = read(stdout).strip();
    String verdict = printed.isEmpty() ? "" : printed.substring(printed.lastIndexOf('\n') + 1);
    if (!expectedExits(expected.expected()).contains(exit)) {
      String log = read(stderr).strip();
      throw new BenchCheckException(
          String.format(
              "%s should exit %s (%s) but exited %d and printed: %s%s",
              run,
              expectedExits(expected.expected()),
              expected.expected(),
              exit,
              verdict,
              log.isEmpty() ? "" : "; its log ends: " + tail(log)));
    }
    Path runFolder = runFolder(folder, run);
    SummaryJson summary = summary(runFolder);
    if (summary.status() != expected.expected()) {
      throw new BenchCheckException(
          String.format("%s should be %s but was: %s", run, expected.expected(), verdict));
    }
    RunSummary checked = TimedVerify.check(table, run, runFolder, injected);
    double jobSeconds = Duration.between(summary.startedAt(), summary.finishedAt()).toNanos() / 1e9;
    return new TimedVerify.Round(
        seconds, new JobClock.JobTime(jobSeconds, List.of()), checked.hashDiffSeconds(), 0);
  }

  /** How many processes were launched, for the report. */
  int launches() {
    return launches;
  }

  /** The exit codes of a run with {@code status}: CONSISTENT may come with audit findings. */
  static Set<Integer> expectedExits(Status status) {
    return status == Status.CONSISTENT
        ? Set.of(ExitCode.CONSISTENT.code(), ExitCode.AUDIT_FINDINGS.code())
        : Set.of(ExitCode.of(status).code());
  }

  // the launch's own folder holds exactly one run: the folder of its one summary.json
  private static Path runFolder(Path folder, String run) {
    try (Stream<Path> files = Files.walk(folder, 4)) {
      List<Path> summaries =
          files.filter(f -> f.getFileName().toString().equals(SummaryJson.FILE_NAME)).toList();
      if (summaries.size() != 1) {
        throw new BenchCheckException(
            String.format(
                "%s should leave one %s under %s but left %d",
                run, SummaryJson.FILE_NAME, folder, summaries.size()));
      }
      return summaries.get(0).getParent();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + folder, e);
    }
  }

  private static SummaryJson summary(Path runFolder) {
    Path file = runFolder.resolve(SummaryJson.FILE_NAME);
    try {
      return SummaryJson.read(file);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String tail(String log) {
    return log.length() <= 600 ? log : "\u2026" + log.substring(log.length() - 600);
  }
}
