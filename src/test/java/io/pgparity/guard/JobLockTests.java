package io.pgparity.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job lock turns a second run away, in this JVM and from another process, and dies with its
 * holder.
 */
class JobLockTests {

  @TempDir Path dir;

  @Test
  void secondLockInTheSameJvmFailsNamingJobFileAndHolder() {
    Path folder = dir.resolve("nightly");
    try (JobLock first = JobLock.acquire(folder, "nightly")) {
      assertThat(first.file()).isEqualTo(folder.resolve(".lock").toAbsolutePath());
      assertThatThrownBy(() -> JobLock.acquire(folder, "nightly"))
          .isInstanceOf(AlreadyRunningException.class)
          .hasMessageContaining("job 'nightly' is already running")
          .hasMessageContaining(first.file().toString())
          .hasMessageContaining("pid " + ProcessHandle.current().pid() + " on host ")
          .hasMessageContaining(" since 20")
          .hasMessageContaining("run again");
    }
  }

  @Test
  void lockIsFreeAgainAfterClose() {
    Path folder = dir.resolve("job");
    JobLock.acquire(folder, "job").close();
    try (JobLock again = JobLock.acquire(folder, "job")) {
      assertThat(again.file()).exists();
    }
  }

  @Test
  void otherJobsDoNotShareTheLock() {
    try (JobLock a = JobLock.acquire(dir.resolve("a"), "a");
        JobLock b = JobLock.acquire(dir.resolve("b"), "b")) {
      assertThat(a.file()).isNotEqualTo(b.file());
    }
  }

  @Test
  void lockHeldByAnotherProcessTurnsThisOneAwayUntilThatProcessDies() throws Exception {
    Path folder = dir.resolve("cron");
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolderMain.class.getName(),
                folder.toString(),
                "cron")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("locked");
      assertThatThrownBy(() -> JobLock.acquire(folder, "cron"))
          .isInstanceOf(AlreadyRunningException.class)
          .hasMessageContaining("pid " + holder.pid() + " on host ");
    } finally {
      // like kill -9: the OS drops the lock with the process, the file stays behind
      holder.destroyForcibly();
      assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(folder.resolve(".lock"))).contains("pid " + holder.pid());
    try (JobLock mine = JobLock.acquire(folder, "cron")) {
      assertThat(Files.readString(mine.file())).contains("pid " + ProcessHandle.current().pid());
    }
  }
}
