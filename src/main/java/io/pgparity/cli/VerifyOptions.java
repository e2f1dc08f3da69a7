package io.pgparity.cli;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.catalog.TableRef;
import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code pgparity verify}. Every field but {@code tables}, {@code live}, {@code
 * debug} and {@code help} is null when not given; an empty {@code tables} keeps the job file's
 * list, and {@code live} holds the live-replica overrides.
 */
public record VerifyOptions(
    Path job,
    String primaryUrl,
    String replicaUrl,
    List<TableRef> tables,
    Path out,
    Integer threads,
    Integer chunkRows,
    Integer maxDivergences,
    String jobRepositoryUrl,
    LiveOverrides live,
    boolean debug,
    boolean help) {

  public VerifyOptions {
    tables = List.copyOf(tables);
    checkNotNull(live, "live");
  }

  /** Just {@code --help}. */
  public static VerifyOptions helpOnly() {
    return new VerifyOptions(
        null, null, null, List.of(), null, null, null, null, null, LiveOverrides.none(), false,
        true);
  }
}
