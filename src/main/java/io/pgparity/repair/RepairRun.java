package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.connect.Side;
import io.pgparity.table.TableRef;
import java.nio.file.Path;
import java.util.List;

/**
 * The run a repair is about: its folder, job name and run id, the two servers' URLs (redacted, for
 * the header) and the job's tables (to read divergence lines back).
 */
public record RepairRun(
    Path folder,
    String job,
    String runId,
    String primaryUrl,
    String replicaUrl,
    List<TableRef> tables) {

  public RepairRun {
    checkNotNull(folder, "folder");
    checkNotNull(job, "job");
    checkNotNull(runId, "runId");
    primaryUrl = PasswordResolver.redact(primaryUrl);
    replicaUrl = PasswordResolver.redact(replicaUrl);
    tables = List.copyOf(tables);
    checkArgument(!tables.isEmpty(), "a run has at least one table");
  }

  /** The (redacted) URL of one side. */
  String url(Side side) {
    return side == Side.REPLICA ? replicaUrl : primaryUrl;
  }
}
