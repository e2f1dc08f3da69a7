package io.pgparity.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.JobDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** The folder of one run, {@code <out>/<job name>/<run id>/}, which holds every file it writes. */
public record RunFolder(Path path, String runId) {

  /** A run id: the UTC second the run started, then 4 random hex digits. */
  public static final Pattern RUN_ID = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{4}");

  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  // 65536 suffixes per second: running out means something is creating folders in a loop
  private static final int ATTEMPTS = 64;

  public RunFolder {
    checkNotNull(path, "path");
    checkArgument(
        runId != null && RUN_ID.matcher(runId).matches(),
        "run id '%s' must match %s, e.g. 20261125T120000Z-1a2b",
        runId,
        RUN_ID);
  }

  /**
   * Creates a fresh run folder. The random suffix keeps two runs started in the same second apart;
   * the folder is created with createDirectory, so a taken id is detected and another is drawn.
   *
   * @throws UncheckedIOException naming the folder when it cannot be created
   */
  public static RunFolder create(Path out, String jobName, Instant now, RandomGenerator random) {
    checkNotNull(out, "out");
    checkNotNull(now, "now");
    checkNotNull(random, "random");
    checkArgument(
        jobName != null && jobName.matches(JobDefinition.NAME_PATTERN),
        "job name must match %s but was '%s'",
        JobDefinition.NAME_PATTERN,
        jobName);
    Path jobFolder = out.resolve(jobName);
    try {
      Files.createDirectories(jobFolder);
    } catch (IOException e) {
      throw cannotCreate(jobFolder, e);
    }
    String second = SECOND.format(now);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String runId = second + "-" + String.format(Locale.ROOT, "%04x", random.nextInt(0x10000));
      Path path = jobFolder.resolve(runId);
      try {
        Files.createDirectory(path);
        return new RunFolder(path, runId);
      } catch (FileAlreadyExistsException e) {
        // another run took this id in the same second: draw another suffix
      } catch (IOException e) {
        throw cannotCreate(path, e);
      }
    }
    throw cannotCreate(
        jobFolder.resolve(second + "-*"),
        new IOException(ATTEMPTS + " random run ids were all taken"));
  }

  /** A file directly inside this folder, e.g. {@code file("summary.json")}. */
  public Path file(String name) {
    checkArgument(
        name != null
            && !name.isEmpty()
            && !name.equals(".")
            && !name.equals("..")
            && name.indexOf('/') < 0
            && name.indexOf('\\') < 0,
        "file name '%s' must be a plain name inside the run folder, e.g. summary.json",
        name);
    return path.resolve(name);
  }

  private static UncheckedIOException cannotCreate(Path path, IOException e) {
    return new UncheckedIOException(
        "cannot create run folder "
            + path.toAbsolutePath()
            + " ("
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + "); make the output folder writable or choose another one",
        e);
  }
}
