package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.connection.PasswordResolver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTests {

  @TempDir Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpListsTheFindingsAndExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Usage: pgparity audit")
        .contains("INACTIVE_SLOT")
        .contains("Exit codes:", "  0  no findings", "  6  findings");
  }

  @Test
  void withoutServersItIsAUsageError() {
    assertThat(run("--out", "x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("pgparity: audit needs --job FILE, or --primary URL and --replica URL");
  }

  @Test
  void anExpectOfAnUnknownSettingIsAUsageErrorNamingTheValidOnes() {
    assertThat(
            run(
                "--primary",
                "jdbc:postgresql://h/db",
                "--replica",
                "jdbc:postgresql://h/db2",
                "--expect",
                "sync_commit=on"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--expect must be SETTING=VALUE with SETTING one of synchronous_commit,")
        .contains("but was 'sync_commit=on'");
  }

  @Test
  void aPasswordInTheUrlIsRefused() {
    assertThat(
            run(
                "--primary",
                "jdbc:postgresql://h/db?password=x",
                "--replica",
                "jdbc:postgresql://h/db2"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--primary must not contain password=");
  }

  private int run(String... args) {
    return new AuditCommand(Map.of(), new PasswordResolver(Map.of(), home))
        .run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
