package io.pgparity.repair;

import java.nio.file.Path;

/**
 * The options of {@code pgparity repair}. {@code target} is null when not given (repair.sql's own
 * when applying, else the replica); {@code batchSize} 0 means one transaction; the URLs are null
 * unless given to replace job.json's (e.g. with a role that may write).
 */
public record RepairOptions(
    Path folder,
    RepairTarget target,
    boolean noTriggers,
    boolean apply,
    int batchSize,
    String primaryUrl,
    String replicaUrl,
    boolean debug,
    boolean help) {

  /** Just {@code --help}. */
  public static RepairOptions helpOnly() {
    return new RepairOptions(null, null, false, false, 0, null, null, false, true);
  }

  /** The target to build for: the one given, else the replica. */
  public RepairTarget targetOrDefault() {
    return target == null ? RepairTarget.REPLICA : target;
  }
}
