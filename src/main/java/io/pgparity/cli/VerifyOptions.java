package io.pgparity.cli;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import io.pgparity.config.MetricsTargets;
import io.pgparity.config.Shard;
import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code pgparity verify}. Every field but {@code tables}, {@code live}, {@code
 * debug}, {@code help} and {@code repairSql} is null when not given; an empty {@code tables} keeps the job file's
 * list, and {@code live} holds the live-replica overrides. {@code metrics} holds --metrics-file and
 * --pushgateway (their fields null when not given); {@code shard} is null unless --shard was given.
 * {@code fresh} (--fresh) starts over instead of resuming the job's last run when that one did not
 * complete.
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
    boolean help,
    boolean repairSql,
    MetricsTargets metrics,
    Shard shard,
    boolean fresh) {

  public VerifyOptions {
    tables = List.copyOf(tables);
    checkNotNull(live, "live");
    metrics = metrics == null ? MetricsTargets.NONE : metrics;
  }

  /** Just {@code --help}. */
  public static VerifyOptions helpOnly() {
    return new VerifyOptions(
        null, null, null, List.of(), null, null, null, null, null, LiveOverrides.none(), false, true, false,
        MetricsTargets.NONE, null, false);
  }
}
