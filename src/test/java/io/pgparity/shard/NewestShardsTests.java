package io.pgparity.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewestShardsTests {

  @TempDir Path shards;

  @Test
  void takesEveryRunFolderOfTheNewestFolderAndSkipsHiddenEntries() throws Exception {
    Path old = runs("uid-old", "20261125T010000Z-aaaa", "20261125T010001Z-bbbb");
    Path latest = runs("uid-new", "20261126T010000Z-cccc", "20261126T010002Z-dddd");
    Files.createDirectories(latest.resolve("auth/.jobrepository/shard-0-of-2"));
    Files.createFile(latest.resolve("auth/.lock-shard-0-of-2"));
    Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2026-11-25T01:00:00Z")));
    Files.setLastModifiedTime(latest, FileTime.from(Instant.parse("2026-11-26T01:00:00Z")));

    assertThat(NewestShards.under(shards))
        .containsExactly(
            latest.resolve("auth/20261126T010000Z-cccc"),
            latest.resolve("auth/20261126T010002Z-dddd"));
  }

  @Test
  void anEmptyOrMissingFolderIsAUsageMistakeNamingTheFolder() throws Exception {
    assertThatThrownBy(() -> NewestShards.under(shards))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(shards.toString())
        .hasMessageContaining("holds no folder");
    assertThatThrownBy(() -> NewestShards.under(shards.resolve("nope")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not a folder");
    Files.createDirectories(shards.resolve("uid-empty/auth"));
    assertThatThrownBy(() -> NewestShards.under(shards))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("holds no run folder");
  }

  private Path runs(String uid, String... runIds) throws Exception {
    Path folder = shards.resolve(uid);
    for (String runId : runIds) {
      Files.createDirectories(folder.resolve("auth").resolve(runId));
    }
    return folder;
  }
}
