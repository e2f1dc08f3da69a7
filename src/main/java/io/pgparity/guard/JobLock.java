package io.pgparity.guard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock that keeps two runs of one job apart: an OS file lock on {@code <out>/<job>/.lock}. The
 * OS drops it when the process ends, even after kill -9, so a stale file never blocks a run; the
 * file only carries the holder's pid, host and start time for the message of the run it turns away.
 */
public final class JobLock implements AutoCloseable {

  /** The lock file's name inside the job's folder. */
  public static final String FILE_NAME = ".lock";

  private static final Logger log = LoggerFactory.getLogger(JobLock.class);

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private JobLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of job {@code job} in {@code jobFolder}, creating the folder if needed.
   *
   * @throws AlreadyRunningException when another run (in any process) holds it
   */
  public static JobLock acquire(Path jobFolder, String job) {
    return acquire(jobFolder, job, FILE_NAME);
  }

  /**
   * Takes the lock of job {@code job} in the file {@code fileName} of {@code jobFolder}: the shards
   * of one check run at the same time, each with a lock of its own.
   *
   * @throws AlreadyRunningException when another run (in any process) holds it
   */
  public static JobLock acquire(Path jobFolder, String job, String fileName) {
    Path file = jobFolder.resolve(fileName).toAbsolutePath();
    FileChannel channel = null;
    try {
      Files.createDirectories(jobFolder);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close();
        throw new AlreadyRunningException(heldMessage(job, file));
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      log.debug("Locked job {} with {}", job, file);
      return new JobLock(file, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException(
          "cannot lock "
              + file
              + " for job '"
              + job
              + "': "
              + e.getMessage()
              + "; check that --out is writable",
          e);
    }
  }

  /** Null when held elsewhere; a lock held by this JVM counts as held too. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private static String heldMessage(String job, Path file) {
    String holder;
    try {
      holder = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      holder = "";
    }
    if (holder.isEmpty()) {
      holder = "another process (holder unknown)";
    }
    return "job '"
        + job
        + "' is already running: "
        + file
        + " is locked by "
        + holder
        + "; wait for that run to end (or stop it) and run again";
  }

  /** One line: {@code pid 1234 on host db-check-1 since 2026-01-01T10:00:00Z}. */
  private static String holder() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown";
    }
    return "pid "
        + ProcessHandle.current().pid()
        + " on host "
        + host
        + " since "
        + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + "\n";
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /** Releases the lock; the file stays, deleting it would race with the next run. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      log.debug("Releasing {} failed; closing the channel releases it", file, e);
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("Closing a lock channel failed", e);
      }
    }
  }
}
