package io.pgparity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.table.TableRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchCommandTests {

  @TempDir Path folder;

  @Test
  void theLaunchOptionIsSplitOnSpaces() {
    assertThat(LaunchCommand.parse("  java  -Xmx256m -jar  pgparity.jar ").words())
        .containsExactly("java", "-Xmx256m", "-jar", "pgparity.jar");
    assertThatThrownBy(() -> LaunchCommand.parse("   "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--launch needs a command");
  }

  @Test
  void theFastLauncherBesideTheJarIsTheDefaultOnlyWhenExecutable() throws IOException {
    Path jar = Files.createFile(folder.resolve("pgparity.jar"));
    List<String> java = List.of("/opt/java/bin/java", "-jar", jar.toString());

    assertThat(LaunchCommand.byDefault(java).words()).isEqualTo(java);

    Path fast = folder.resolve(LaunchCommand.FAST_LAUNCHER);
    Files.createDirectories(fast.getParent());
    Files.writeString(fast, "#!/bin/sh\n");
    assertThat(LaunchCommand.byDefault(java).words()).isEqualTo(java);

    Files.setPosixFilePermissions(fast, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(LaunchCommand.byDefault(java).words()).containsExactly(fast.toString());
  }

  @Test
  void runsFromClassesLaunchThisJvmsClassPathAndPrintItShort() {
    String classPath = "/a/" + "x".repeat(100) + ":/b";
    List<String> java = List.of("/opt/java/bin/java", "-cp", classPath, VerifyStartup.MAIN_CLASS);

    assertThat(LaunchCommand.byDefault(java).words()).isEqualTo(java);
    assertThat(LaunchCommand.byDefault(java).toString())
        .isEqualTo("/opt/java/bin/java -cp <this JVM's class path> " + VerifyStartup.MAIN_CLASS);
  }

  @Test
  void eachLaunchIsAFreshVerifyOfOneTableAndPlainRunsDoNotWait() {
    ProcessVerify verify =
        new ProcessVerify(
            List.of("pgparity"), "jdbc:postgresql://a/db", "jdbc:postgresql://b/db", folder);
    TableRef users = BenchTable.USERS.in(BenchOptions.SERVER_SCHEMA);

    assertThat(verify.command(users, VerifyMode.LAG_AWARE, folder))
        .containsExactly(
            "pgparity",
            "verify",
            "--primary",
            "jdbc:postgresql://a/db",
            "--replica",
            "jdbc:postgresql://b/db",
            "--table",
            "pgparity_bench.users",
            "--out",
            folder.toString(),
            "--fresh");
    assertThat(verify.command(users, VerifyMode.PLAIN, folder))
        .endsWith("--fresh", "--no-lag-wait");
  }
}
