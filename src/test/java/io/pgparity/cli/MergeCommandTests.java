package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * merge's own usage mistakes: one line naming the value and the fix, exit code 2, nothing written.
 */
class MergeCommandTests {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int merge(String... args) {
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    return new MergeCommand(Map.of()).run(List.of(args), o, e);
  }

  @Test
  void noRunFolderIsAUsageErrorThatSaysWhatToGive() {
    assertThat(merge("--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("pgparity: merge: no run folder given; give the run folder of every shard")
        .contains("pgparity merge reports/<job>/<run id>...");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void runFoldersAndNewestInTogetherAreAUsageErrorNamingTheFolder() {
    Path newest = dir.resolve("shards");
    assertThat(
            merge(
                dir.resolve("a").toString(),
                "--newest-in",
                newest.toString(),
                "--out",
                dir.toString()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith(
            "pgparity: merge: give either run folders or --newest-in " + newest + ", not both");
    assertThat(dir.toFile().list()).isEmpty();
  }
}
