package io.pgparity.guard;

import java.nio.file.Path;

/**
 * Another process for {@link JobLockTests}: takes a job lock, says so, and holds it until stdin
 * closes.
 */
public final class LockHolderMain {

  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    try (JobLock lock = JobLock.acquire(Path.of(args[0]), args[1])) {
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() >= 0) {
        // holds the lock until the test closes stdin or kills this process
      }
    }
  }
}
