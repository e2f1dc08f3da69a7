package io.pgparity.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectKeysTests {

  private static final String HEAD =
      """
      name: auth
      primary: { url: 'jdbc:postgresql://db1:5432/app?user=checker' }
      replica: { url: 'jdbc:postgresql://db2:5432/app?user=checker' }
      tables: [public.users]
      """;

  @TempDir Path dir;

  @Test
  void readsTheExpectMapInFileOrderAndVerifyAcceptsIt() throws IOException {
    Path file =
        job(
            "expect: {synchronous_commit: remote_apply, hot_standby_feedback: 'on', fsync: '${FSYNC}'}\n");

    assertThat(ExpectKeys.load(file, Map.of("FSYNC", "on")))
        .containsExactly(
            Map.entry("synchronous_commit", "remote_apply"),
            Map.entry("hot_standby_feedback", "on"),
            Map.entry("fsync", "on"));
    // the verify job's audit gets them through the definition, in file order too
    assertThat(new JobFileLoader().load(file, Map.of("FSYNC", "on")).expect())
        .containsExactly(
            Map.entry("synchronous_commit", "remote_apply"),
            Map.entry("hot_standby_feedback", "on"),
            Map.entry("fsync", "on"));
  }

  @Test
  void aJobWithoutExpectHasNoExpectations() throws IOException {
    assertThat(ExpectKeys.load(job(""), Map.of())).isEmpty();
  }

  @Test
  void aMisspeltSettingStopsEveryCommandWithItsLineAndAHint() throws IOException {
    Path file = job("expect:\n  synchronous_comit: remote_apply\n");

    assertThatThrownBy(() -> new JobFileLoader().load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            file
                + ":6: unknown setting 'synchronous_comit' in expect (did you mean 'synchronous_commit'?)")
        .hasMessageContaining("the audit reads: synchronous_commit, ");
  }

  @Test
  void expectMustBeAMapOfSingleValues() throws IOException {
    assertThatThrownBy(() -> ExpectKeys.load(job("expect: [fsync]\n"), Map.of()))
        .hasMessageContaining(":5: expect must be a map of setting: value");
    assertThatThrownBy(() -> ExpectKeys.load(job("expect: {fsync: [on, off]}\n"), Map.of()))
        .hasMessageContaining("expect.fsync must be a single value");
  }

  private Path job(String tail) throws IOException {
    return Files.writeString(dir.resolve("job.yaml"), HEAD + tail);
  }
}
