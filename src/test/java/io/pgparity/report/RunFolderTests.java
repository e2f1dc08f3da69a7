package io.pgparity.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTests {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00.789Z");

  @TempDir Path out;

  @Test
  void namesTheFolderAfterJobUtcSecondAndRandomHex() {
    RunFolder folder = RunFolder.create(out, "auth", NOW, fixed(0x1a2b));

    assertThat(folder.runId()).isEqualTo("20261125T120000Z-1a2b").matches(RunFolder.RUN_ID);
    assertThat(folder.path()).isEqualTo(out.resolve("auth").resolve("20261125T120000Z-1a2b"));
    assertThat(folder.path()).isDirectory();
    assertThat(folder.file("summary.json")).isEqualTo(folder.path().resolve("summary.json"));
  }

  @Test
  void padsSmallSuffixesToFourDigits() {
    assertThat(RunFolder.create(out, "auth", NOW, fixed(0xa)).runId())
        .isEqualTo("20261125T120000Z-000a");
  }

  @Test
  void drawsAnotherSuffixWhenTheIdIsTaken() {
    RunFolder first = RunFolder.create(out, "auth", NOW, fixed(0x1a2b));
    // the same suffix again, then another one
    RandomGenerator repeats = sequence(0x1a2b, 0x1a2b, 0xbeef);

    RunFolder second = RunFolder.create(out, "auth", NOW, repeats);

    assertThat(second.runId()).isEqualTo("20261125T120000Z-beef");
    assertThat(first.path()).isDirectory();
    assertThat(second.path()).isDirectory();
  }

  @Test
  void manyRunsInTheSameSecondGetDistinctFolders() {
    // a fixed seed keeps the test repeatable
    RandomGenerator random = new SplittableRandom(42);
    Set<Path> paths = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      paths.add(RunFolder.create(out, "auth", NOW, random).path());
    }

    assertThat(paths).hasSize(200).allSatisfy(p -> assertThat(p).isDirectory());
  }

  @Test
  void failureNamesThePath() throws Exception {
    Path file = Files.writeString(out.resolve("not-a-folder"), "x");

    assertThatThrownBy(() -> RunFolder.create(file, "auth", NOW, fixed(1)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(file.resolve("auth").toAbsolutePath().toString())
        .hasMessageContaining("choose another");
  }

  @Test
  void rejectsJobNamesThatAreNotOneFolderAndFileNamesOutsideIt() {
    assertThatThrownBy(() -> RunFolder.create(out, "../etc", NOW, fixed(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'../etc'");
    RunFolder folder = RunFolder.create(out, "auth", NOW, fixed(1));
    assertThatThrownBy(() -> folder.file("../x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RunFolder(out, "2026-11-25"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static RandomGenerator fixed(int value) {
    return sequence(value);
  }

  // answers nextInt(bound) with the given values in turn, then repeats the last
  private static RandomGenerator sequence(int... values) {
    return new RandomGenerator() {
      private int next;

      @Override
      public long nextLong() {
        throw new UnsupportedOperationException("only nextInt(bound) is expected");
      }

      @Override
      public int nextInt(int bound) {
        return values[Math.min(next++, values.length - 1)];
      }
    };
  }
}
