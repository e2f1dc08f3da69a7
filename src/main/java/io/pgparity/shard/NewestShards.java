package io.pgparity.shard;

import io.pgparity.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shard run folders of the latest sharded check written under one folder: shards of one run of
 * a Kubernetes Indexed Job share a folder named after the Job's uid, and the newest such folder is
 * the latest run. Its run folders are {@code <job>/<run id>} inside it; hidden entries (locks, job
 * repositories) are not run folders.
 */
public final class NewestShards {

  private NewestShards() {}

  /** The run folders under the most recently changed folder of {@code parent}. */
  public static List<Path> under(Path parent) {
    if (!Files.isDirectory(parent)) {
      throw new ConfigException(
          "merge: --newest-in "
              + parent
              + " is not a folder; give the folder the shards'"
              + " --out folders are in, e.g. --newest-in /reports/shards");
    }
    Path newest =
        folders(parent)
            .max(Comparator.comparing(NewestShards::modified))
            .orElseThrow(
                () ->
                    new ConfigException(
                        "merge: --newest-in "
                            + parent
                            + " holds no folder; run the shards with"
                            + " verify --out "
                            + parent
                            + "/<run name> --shard I/N first"));
    List<Path> runs = folders(newest).flatMap(NewestShards::folders).sorted().toList();
    if (runs.isEmpty()) {
      throw new ConfigException(
          "merge: the newest folder in "
              + parent
              + ", "
              + newest
              + ", holds no run folder"
              + " (<job>/<run id>); did the shards write there?");
    }
    return runs;
  }

  private static Stream<Path> folders(Path parent) {
    try (Stream<Path> entries = Files.list(parent)) {
      return entries
          .filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FileTime modified(Path folder) {
    try {
      return Files.getLastModifiedTime(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
