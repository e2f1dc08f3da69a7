package io.pgparity.shard;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.util.List;

/**
 * The arguments of {@code pgparity merge <run folder>... [--out DIR]} (parsed by the merge
 * command): the shard run folders in any order and where the merged run folder goes; or {@code
 * --newest-in DIR} instead of the folders (null when not given), for a Kubernetes Job whose image
 * has no shell to expand a glob.
 */
public record MergeOptions(List<Path> folders, Path newestIn, Path out, boolean help) {

  static final String USE =
      "; use: pgparity merge reports/<job>/<run id>... [--out DIR] (see pgparity merge --help)";

  public MergeOptions {
    folders = List.copyOf(folders);
    checkNotNull(out, "out");
    checkArgument(
        help || !folders.isEmpty() || newestIn != null, "merge needs at least one run folder");
  }
}
